using System.Net;
using System.Net.Sockets;
using Hoop.Api.V1Alpha1;
using static Hoop.Policy.Masking.Detectors.ByteClasses;

namespace Hoop.Policy.Masking.Detectors;

/// <summary>
/// IPv4 dotted quads (each part at most 255, not part of a longer dotted number such as a version <c>1.2.3.4.5</c>) and
/// IPv6 addresses (runs of hex digits and colons with <c>::</c> or all eight groups, confirmed by the platform parser).
/// </summary>
internal sealed class IpAddressDetector : SensitiveContentDetector
{
    private const int MaxIpv6Length = 45;

    private IpAddressDetector()
        : base([TextFacts.Ipv4Shape, TextFacts.Ipv6Shape])
    {
    }

    public static IpAddressDetector Instance { get; } = new();

    public override DetectorType Type => DetectorType.IpAddress;

    public override void Find(ReadOnlySpan<byte> text, in TextProfile profile, ref DetectionBuffer found)
    {
        if (profile.Has(TextFacts.Ipv4Shape) && text.Count((byte)'.') >= 3)
        {
            FindIpv4(text, ref found);
        }

        // Without "::" an address has all eight groups, so at least six colons (with an IPv4 tail); times have two.
        if (profile.Has(TextFacts.Ipv6Shape) && (text.Count((byte)':') >= 6 || text.IndexOf("::"u8) >= 0))
        {
            FindIpv6(text, ref found);
        }
    }

    private static void FindIpv4(ReadOnlySpan<byte> text, ref DetectionBuffer found)
    {
        var i = 0;
        while (i < text.Length)
        {
            var rel = text[i..].IndexOfAnyInRange((byte)'0', (byte)'9');
            if (rel < 0)
            {
                return;
            }

            i += rel;
            if (i > 0 && (IsAlnum(text[i - 1]) || text[i - 1] == '.'))
            {
                i++;
                continue;
            }

            var end = Ipv4End(text, i);
            if (end > 0)
            {
                found.Add(new Detection(i, end, DetectorType.IpAddress));
                i = end;
            }
            else
            {
                i++;
            }
        }
    }

    private static int Ipv4End(ReadOnlySpan<byte> text, int pos)
    {
        for (var part = 0; part < 4; part++)
        {
            if (part > 0)
            {
                if (pos >= text.Length || text[pos] != '.')
                {
                    return -1;
                }

                pos++;
            }

            var value = 0;
            var digits = 0;
            while (pos < text.Length && IsDigit(text[pos]) && digits < 4)
            {
                value = (value * 10) + (text[pos++] - '0');
                digits++;
            }

            if (digits is 0 or > 3 || value > 255)
            {
                return -1;
            }
        }

        var longer = pos < text.Length && (IsAlnum(text[pos]) || (text[pos] == '.' && pos + 1 < text.Length && IsDigit(text[pos + 1])));
        return longer ? -1 : pos;
    }

    private static void FindIpv6(ReadOnlySpan<byte> text, ref DetectionBuffer found)
    {
        var from = 0;
        while (from < text.Length)
        {
            var rel = text[from..].IndexOf((byte)':');
            if (rel < 0)
            {
                return;
            }

            var start = from + rel;
            while (start > 0 && IsIpv6Byte(text[start - 1]))
            {
                start--;
            }

            var end = from + rel;
            while (end < text.Length && IsIpv6Byte(text[end]))
            {
                end++;
            }

            from = end;
            var glued = (start > 0 && IsWordByte(text[start - 1])) || (end < text.Length && IsWordByte(text[end]));
            if (glued)
            {
                continue;
            }

            // A sentence may end right after an address; a single trailing colon is punctuation too.
            while (end > start && text[end - 1] == '.')
            {
                end--;
            }

            if (end - start >= 2 && text[end - 1] == ':' && text[end - 2] != ':')
            {
                end--;
            }

            if (IsIpv6(text[start..end]))
            {
                found.Add(new Detection(start, end, DetectorType.IpAddress));
            }
        }
    }

    private static bool IsIpv6Byte(byte b) => IsHex(b) || b is (byte)':' or (byte)'.';

    private static bool IsWordByte(byte b) => IsAlnum(b) || b is (byte)'_' or >= 0x80;

    private static bool IsIpv6(ReadOnlySpan<byte> candidate)
    {
        if (candidate.Length is < 3 or > MaxIpv6Length || candidate.IndexOfAnyExcept((byte)':', (byte)'.') < 0)
        {
            return false;
        }

        var colons = candidate.Count((byte)':');
        if (colons < 2 || (colons < 6 && candidate.IndexOf("::"u8) < 0))
        {
            return false;
        }

        return IPAddress.TryParse(candidate, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6;
    }
}

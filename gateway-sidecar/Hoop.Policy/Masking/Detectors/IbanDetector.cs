using Hoop.Api.V1Alpha1;
using static Hoop.Policy.Masking.Detectors.ByteClasses;

namespace Hoop.Policy.Masking.Detectors;

/// <summary>
/// International bank account numbers: an upper-case country code, two check digits and the BBAN, exactly as long as
/// that country's IBANs, written without spaces or in groups of four, and passing the ISO 7064 mod-97 check.
/// </summary>
internal sealed class IbanDetector : SensitiveContentDetector
{
    private const int MinLength = 15;
    private const int MaxLength = 34;

    // Lengths from the SWIFT IBAN registry; a country not listed is not recognised.
    private const string Registry =
        "AD24AE23AL28AT20AZ28BA20BE16BG22BH22BI27BR29BY28CH21CR22CY28CZ24DE22DJ27DK18DO28EE20EG29ES24FI18FK18FO18FR27"
        + "GB22GE22GI23GL18GR27GT28HN28HR21HU28IE22IL23IQ23IS26IT27JO30KW30KZ20LB28LC32LI21LT20LU20LV21LY25MC27MD24ME22"
        + "MK19MN20MR27MT31MU30NI28NL18NO15OM23PK24PL28PS29PT25QA29RO24RS22RU33SA24SC31SD18SE24SI19SK24SM27SO23ST25SV28"
        + "TL23TN24TR26UA29VA22VG24XK20YE30";

    private static readonly byte[] LengthByCountry = BuildLengths();

    private IbanDetector()
        : base([TextFacts.AtLeast15Bytes | TextFacts.IbanShape])
    {
    }

    public static IbanDetector Instance { get; } = new();

    public override DetectorType Type => DetectorType.Iban;

    public override void Find(ReadOnlySpan<byte> text, in TextProfile profile, ref DetectionBuffer found)
    {
        Span<byte> iban = stackalloc byte[MaxLength];
        var i = 0;
        while (i + MinLength <= text.Length)
        {
            var rel = text[i..].IndexOfAnyInRange((byte)'A', (byte)'Z');
            if (rel < 0)
            {
                return;
            }

            i += rel;
            var end = i + 4 <= text.Length ? IbanEnd(text, i, iban) : -1;
            if (end > 0)
            {
                found.Add(new Detection(i, end, DetectorType.Iban));
                i = end;
            }
            else
            {
                i++;
            }
        }
    }

    /// <summary>The separators removed: what a hash of an IBAN is computed over, so spaced and unspaced forms agree.</summary>
    internal static int Normalize(ReadOnlySpan<byte> region, Span<byte> destination)
    {
        var n = 0;
        foreach (var b in region)
        {
            if (b != ' ' && n < destination.Length)
            {
                destination[n++] = b;
            }
        }

        return n;
    }

    private static int IbanEnd(ReadOnlySpan<byte> text, int s, Span<byte> iban)
    {
        if (!(IsUpper(text[s + 1]) && IsDigit(text[s + 2]) && IsDigit(text[s + 3])) || (s > 0 && IsAlnum(text[s - 1])))
        {
            return -1;
        }

        var length = LengthByCountry[((text[s] - 'A') * 26) + (text[s + 1] - 'A')];
        if (length == 0)
        {
            return -1;
        }

        var count = 0;
        var pos = s;
        while (count < length && pos < text.Length)
        {
            var b = text[pos];
            if (IsUpper(b) || IsDigit(b))
            {
                iban[count++] = b;
                pos++;
            }
            else if (b == ' ' && count % 4 == 0 && pos + 1 < text.Length && (IsUpper(text[pos + 1]) || IsDigit(text[pos + 1])))
            {
                pos++;
            }
            else
            {
                break;
            }
        }

        if (count < length || (pos < text.Length && IsAlnum(text[pos])))
        {
            return -1;
        }

        return PassesMod97(iban[..count]) ? pos : -1;
    }

    internal static bool PassesMod97(ReadOnlySpan<byte> iban)
    {
        var remainder = 0;
        for (var k = 0; k < iban.Length; k++)
        {
            var b = iban[(k + 4) % iban.Length];
            remainder = IsDigit(b) ? ((remainder * 10) + (b - '0')) % 97 : ((remainder * 100) + (b - 'A' + 10)) % 97;
        }

        return remainder == 1;
    }

    private static byte[] BuildLengths()
    {
        var lengths = new byte[26 * 26];
        for (var k = 0; k < Registry.Length; k += 4)
        {
            lengths[((Registry[k] - 'A') * 26) + (Registry[k + 1] - 'A')] = byte.Parse(Registry.AsSpan(k + 2, 2), provider: null);
        }

        return lengths;
    }
}

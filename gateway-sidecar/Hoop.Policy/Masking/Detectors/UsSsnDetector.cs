using Hoop.Api.V1Alpha1;
using static Hoop.Policy.Masking.Detectors.ByteClasses;

namespace Hoop.Policy.Masking.Detectors;

/// <summary>
/// US Social Security numbers written <c>AAA-GG-SSSS</c>, not inside a longer dashed number, excluding numbers never
/// issued (area 000, 666 or 900-999, group 00, serial 0000).
/// </summary>
internal sealed class UsSsnDetector : SensitiveContentDetector
{
    private const int Length = 11;

    private UsSsnDetector()
        : base([TextFacts.SsnShape])
    {
    }

    public static UsSsnDetector Instance { get; } = new();

    public override DetectorType Type => DetectorType.UsSsn;

    public override void Find(ReadOnlySpan<byte> text, in TextProfile profile, ref DetectionBuffer found)
    {
        var from = 3;
        while (from < text.Length)
        {
            var rel = text[from..].IndexOf((byte)'-');
            if (rel < 0)
            {
                return;
            }

            var start = from + rel - 3;
            if (IsSsnAt(text, start))
            {
                found.Add(new Detection(start, start + Length, DetectorType.UsSsn));
                from = start + Length + 3;
            }
            else
            {
                from += rel + 1;
            }
        }
    }

    private static bool IsSsnAt(ReadOnlySpan<byte> text, int s)
    {
        if (s + Length > text.Length)
        {
            return false;
        }

        var c = text.Slice(s, Length);
        if (!(IsDigit(c[0]) && IsDigit(c[1]) && IsDigit(c[2]) && c[3] == '-' && IsDigit(c[4]) && IsDigit(c[5]) && c[6] == '-'
            && IsDigit(c[7]) && IsDigit(c[8]) && IsDigit(c[9]) && IsDigit(c[10])))
        {
            return false;
        }

        if (s > 0 && (IsDigit(text[s - 1]) || (text[s - 1] == '-' && s > 1 && IsDigit(text[s - 2]))))
        {
            return false;
        }

        var e = s + Length;
        if (e < text.Length && (IsDigit(text[e]) || (text[e] == '-' && e + 1 < text.Length && IsDigit(text[e + 1]))))
        {
            return false;
        }

        var area = ((c[0] - '0') * 100) + ((c[1] - '0') * 10) + (c[2] - '0');
        var group = ((c[4] - '0') * 10) + (c[5] - '0');
        return area is not (0 or 666 or >= 900) && group != 0 && !c[7..].SequenceEqual("0000"u8);
    }
}

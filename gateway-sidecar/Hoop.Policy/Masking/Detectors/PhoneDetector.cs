using Hoop.Api.V1Alpha1;
using static Hoop.Policy.Masking.Detectors.ByteClasses;

namespace Hoop.Policy.Masking.Detectors;

/// <summary>Phone numbers in E.164 form: <c>+</c> then 8 to 15 digits, the first not 0, not glued to a word on the left.</summary>
internal sealed class PhoneDetector : SensitiveContentDetector
{
    private PhoneDetector()
        : base([TextFacts.PhoneShape])
    {
    }

    public static PhoneDetector Instance { get; } = new();

    public override DetectorType Type => DetectorType.Phone;

    public override void Find(ReadOnlySpan<byte> text, in TextProfile profile, ref DetectionBuffer found)
    {
        var from = 0;
        while (from < text.Length)
        {
            var rel = text[from..].IndexOf((byte)'+');
            if (rel < 0)
            {
                return;
            }

            var plus = from + rel;
            var end = plus + 1;
            while (end < text.Length && IsDigit(text[end]))
            {
                end++;
            }

            var digits = end - plus - 1;
            if (digits is >= 8 and <= 15 && text[plus + 1] != '0' && (plus == 0 || !IsAlnum(text[plus - 1])))
            {
                found.Add(new Detection(plus, end, DetectorType.Phone));
            }

            from = end;
        }
    }
}

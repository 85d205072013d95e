using Hoop.Api.V1Alpha1;
using static Hoop.Policy.Masking.Detectors.ByteClasses;

namespace Hoop.Policy.Masking.Detectors;

/// <summary>
/// Email addresses, <c>local@domain.tld</c>. The local part takes RFC 5322 atext and non-ASCII bytes (internationalised
/// addresses), so letters glued to the address on the left are masked with it rather than leaving part of it readable;
/// the domain needs two or more labels and a top-level label of two or more letters.
/// </summary>
internal sealed class EmailDetector : SensitiveContentDetector
{
    private EmailDetector()
        : base([TextFacts.AtLeast6Bytes | TextFacts.At | TextFacts.Dot])
    {
    }

    public static EmailDetector Instance { get; } = new();

    public override DetectorType Type => DetectorType.Email;

    public override void Find(ReadOnlySpan<byte> text, in TextProfile profile, ref DetectionBuffer found)
    {
        var from = 0;
        while (from < text.Length)
        {
            var rel = text[from..].IndexOf((byte)'@');
            if (rel < 0)
            {
                return;
            }

            var at = from + rel;
            from = at + 1;

            // Scanning left stops at the previous '@' and scanning right at the next one, so the whole search is linear.
            var start = at;
            while (start > 0 && IsLocalByte(text[start - 1]))
            {
                start--;
            }

            while (start < at && text[start] < 0x80 && !IsAlnum(text[start]))
            {
                start++;
            }

            if (start == at)
            {
                continue;
            }

            var end = DomainEnd(text, at + 1);
            if (end < 0)
            {
                continue;
            }

            found.Add(new Detection(start, end, DetectorType.Email));
            from = end;
        }
    }

    private static bool IsLocalByte(byte b) =>
        IsAlnum(b) || b >= 0x80 || b is (byte)'.' or (byte)'!' or (byte)'#' or (byte)'$' or (byte)'%' or (byte)'&' or (byte)'\''
            or (byte)'*' or (byte)'+' or (byte)'/' or (byte)'=' or (byte)'?' or (byte)'^' or (byte)'_' or (byte)'`' or (byte)'{'
            or (byte)'|' or (byte)'}' or (byte)'~' or (byte)'-';

    private static bool IsLabelByte(byte b) => IsAlnum(b) || b == '-' || b >= 0x80;

    /// <summary>The end of the longest domain starting at <paramref name="i"/> whose last label is a plausible TLD, or -1.</summary>
    private static int DomainEnd(ReadOnlySpan<byte> text, int i)
    {
        var end = -1;
        var labels = 0;
        while (true)
        {
            var labelStart = i;
            while (i < text.Length && IsLabelByte(text[i]))
            {
                i++;
            }

            if (i == labelStart || text[labelStart] == '-')
            {
                return end;
            }

            labels++;
            if (labels >= 2)
            {
                var tldEnd = TopLevelLabelEnd(text[labelStart..i]);
                if (tldEnd > 0)
                {
                    end = labelStart + tldEnd;
                    if (tldEnd < i - labelStart)
                    {
                        // The label went on into other text ("example.comです"); the address ends where its letters do.
                        return end;
                    }
                }
            }

            if (i + 1 < text.Length && text[i] == '.' && IsLabelByte(text[i + 1]))
            {
                i++;
                continue;
            }

            return end;
        }
    }

    private static int TopLevelLabelEnd(ReadOnlySpan<byte> label)
    {
        var letters = 0;
        while (letters < label.Length && IsLetter(label[letters]))
        {
            letters++;
        }

        if (letters >= 2)
        {
            return letters;
        }

        // An internationalised top-level label written in its own script.
        return letters == 0 && label.Length >= 2 && label.IndexOfAnyInRange((byte)0, (byte)0x7F) < 0 ? label.Length : -1;
    }
}

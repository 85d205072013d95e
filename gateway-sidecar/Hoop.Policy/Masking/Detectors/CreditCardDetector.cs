using Hoop.Api.V1Alpha1;
using static Hoop.Policy.Masking.Detectors.ByteClasses;

namespace Hoop.Policy.Masking.Detectors;

/// <summary>
/// Payment card numbers: 13 to 19 digits, in groups separated by single spaces or dashes, with a known issuer prefix
/// (Visa, Mastercard, Amex, Diners, JCB, Discover, UnionPay, Maestro, Mir) and a valid Luhn check digit. Digits that
/// are the fraction or the integer part of a decimal number are not considered.
/// </summary>
internal sealed class CreditCardDetector : SensitiveContentDetector
{
    private const int MinDigits = 13;
    private const int MaxDigits = 19;

    private CreditCardDetector()
        : base([TextFacts.CardShape])
    {
    }

    public static CreditCardDetector Instance { get; } = new();

    public override DetectorType Type => DetectorType.CreditCard;

    public override void Find(ReadOnlySpan<byte> text, in TextProfile profile, ref DetectionBuffer found)
    {
        var i = FirstLongRun(text);
        if (i < 0)
        {
            return;
        }

        Span<byte> digits = stackalloc byte[MaxDigits];
        while (i < text.Length)
        {
            var rel = text[i..].IndexOfAnyInRange((byte)'0', (byte)'9');
            if (rel < 0)
            {
                return;
            }

            i += rel;
            if (i >= 2 && text[i - 1] == '.' && IsDigit(text[i - 2]))
            {
                i = SkipDigits(text, i);
                continue;
            }

            // Try each group start of this run of digit groups; take the longest valid number from the first start that has one.
            var groupStart = i;
            while (true)
            {
                var end = LongestCardFrom(text, groupStart, digits, out var nextGroup);
                if (end > 0)
                {
                    found.Add(new Detection(groupStart, end, DetectorType.CreditCard));
                    i = end;
                    break;
                }

                if (nextGroup < 0)
                {
                    i = SkipDigits(text, groupStart);
                    break;
                }

                groupStart = nextGroup;
            }
        }
    }

    /// <summary>
    /// The start of the first run of digit groups (joined by single spaces or dashes) holding at least 13 digits, or -1:
    /// one cheap pass that rules out timestamps, UUIDs and short numbers before any candidate is tried.
    /// </summary>
    private static int FirstLongRun(ReadOnlySpan<byte> text)
    {
        var runStart = -1;
        var runDigits = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var b = text[i];
            if (IsDigit(b))
            {
                if (runDigits == 0)
                {
                    runStart = i;
                }

                if (++runDigits >= MinDigits)
                {
                    return runStart;
                }
            }
            else if (!(runDigits > 0 && b is (byte)' ' or (byte)'-' && i + 1 < text.Length && IsDigit(text[i + 1])))
            {
                runDigits = 0;
            }
        }

        return -1;
    }

    private static int SkipDigits(ReadOnlySpan<byte> text, int i)
    {
        while (i < text.Length && IsDigit(text[i]))
        {
            i++;
        }

        return i;
    }

    private static int LongestCardFrom(ReadOnlySpan<byte> text, int start, Span<byte> digits, out int nextGroup)
    {
        nextGroup = -1;
        var count = 0;
        var best = -1;
        var pos = start;
        while (true)
        {
            while (pos < text.Length && IsDigit(text[pos]))
            {
                if (count == MaxDigits)
                {
                    if (nextGroup < 0)
                    {
                        nextGroup = NextGroupStart(text, pos);
                    }

                    return best;
                }

                digits[count++] = (byte)(text[pos++] - '0');
            }

            var decimalFollows = pos + 1 < text.Length && text[pos] == '.' && IsDigit(text[pos + 1]);
            if (count >= MinDigits && !decimalFollows && IsValid(digits[..count]))
            {
                best = pos;
            }

            var separated = pos + 1 < text.Length && text[pos] is (byte)' ' or (byte)'-' && IsDigit(text[pos + 1]);
            if (nextGroup < 0 && separated)
            {
                nextGroup = pos + 1;
            }

            if (!separated)
            {
                return best;
            }

            pos++;
        }
    }

    private static int NextGroupStart(ReadOnlySpan<byte> text, int pos)
    {
        pos = SkipDigits(text, pos);
        return pos + 1 < text.Length && text[pos] is (byte)' ' or (byte)'-' && IsDigit(text[pos + 1]) ? pos + 1 : -1;
    }

    internal static bool IsValid(ReadOnlySpan<byte> digits) => HasKnownIssuerPrefix(digits) && PassesLuhn(digits);

    internal static bool PassesLuhn(ReadOnlySpan<byte> digits)
    {
        var sum = 0;
        var doubled = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i];
            if (doubled)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubled = !doubled;
        }

        return sum % 10 == 0;
    }

    private static bool HasKnownIssuerPrefix(ReadOnlySpan<byte> d)
    {
        var two = (d[0] * 10) + d[1];
        var four = (two * 100) + (d[2] * 10) + d[3];
        return d[0] switch
        {
            4 => d.Length is 13 or 16 or 19,
            5 => true,
            6 => true,
            2 => four is >= 2200 and <= 2204 or >= 2221 and <= 2720,
            3 => two is 34 or 37 or 36 or 38 or 39 || four is >= 3000 and <= 3059 || four is >= 3528 and <= 3589,
            _ => false,
        };
    }
}

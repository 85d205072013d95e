using System.Numerics;

namespace Hoop.Policy.Masking.Detectors;

/// <summary>The shape facts that the position masks prove; each is what a detector's scan needs to start.</summary>
internal static partial class ShortTextFacts
{
    private const int CardDigits = 13;

    private static TextFacts Shapes(
        int length, int digits, ulong digit, ulong upper, ulong lower, ulong dot, ulong colon, ulong plus, ulong dash, ulong space, ulong token)
    {
        var facts = TextFacts.None;
        if (length >= 6)
        {
            facts |= TextFacts.AtLeast6Bytes | (length >= 15 ? TextFacts.AtLeast15Bytes : 0) | (length >= 16 ? TextFacts.AtLeast16Bytes : 0);
        }

        if (digits >= CardDigits && HasCardRun(digit, space | dash))
        {
            facts |= TextFacts.CardShape;
        }

        if (digits >= 9 && dash != 0)
        {
            var d = digit;
            var ssn = d & (d >> 1) & (d >> 2) & (dash >> 3) & (d >> 4) & (d >> 5) & (dash >> 6)
                & (d >> 7) & (d >> 8) & (d >> 9) & (d >> 10);
            facts |= Present(ssn, TextFacts.SsnShape);
        }

        if (digits >= 8 && plus != 0)
        {
            var run2 = digit & (digit >> 1);
            var run4 = run2 & (run2 >> 2);
            facts |= Present(plus & ((run4 & (run4 >> 4)) >> 1), TextFacts.PhoneShape);
        }

        if (digits >= 4 && upper != 0)
        {
            var glued = (digit | upper | lower) << 1;
            facts |= Present(upper & ~glued & (upper >> 1) & (digit >> 2) & (digit >> 3), TextFacts.IbanShape);
        }

        if (digits >= 4 && dot != 0 && BitOperations.PopCount(digit & (dot >> 1) & (digit >> 2)) >= 3)
        {
            facts |= TextFacts.Ipv4Shape;
        }

        if (colon != 0 && (BitOperations.PopCount(colon) >= 6 || (colon & (colon >> 1)) != 0))
        {
            facts |= TextFacts.Ipv6Shape;
        }

        if (length >= 15 && (upper | lower) != 0)
        {
            facts |= KeyShapes(token, upper, lower, dash);
        }

        return facts;
    }

    /// <summary>
    /// The API-key and JWT shapes: where a long enough base64url run starts with the letters and dash a key starts with
    /// (AKIA, ghp_, xoxb-), or with the "eyJ" of a JWT header, the shortest of which (<c>{"alg":0}</c>) is 12 bytes.
    /// </summary>
    private static TextFacts KeyShapes(ulong token, ulong upper, ulong lower, ulong dash)
    {
        var run2 = token & (token >> 1);
        var run4 = run2 & (run2 >> 2);
        var run8 = run4 & (run4 >> 4);
        var dashes2 = dash & (dash >> 1);
        var dashes4 = dashes2 & (dashes2 >> 2);
        var pem = Present(dashes4 & (dashes4 >> 1), TextFacts.DashRun5);
        var run12 = run8 & (run8 >> 4);
        if (run12 == 0)
        {
            return pem;
        }

        var run15 = run12 & (run12 >> 3);
        var run20 = run15 & (run15 >> 5);
        var lowerPair = lower & (lower >> 1);
        return pem | Present(run12 & lowerPair & (upper >> 2), TextFacts.JwtShape)
            | Present(run20 & upper & (upper >> 1), TextFacts.UpperKeyShape)
            | Present(run20 & lowerPair, TextFacts.LowerKeyShape)
            | Present(run15 & lowerPair & (lowerPair >> 2) & (dash >> 4), TextFacts.SlackTokenShape);
    }

    /// <summary>
    /// Whether a run of digit groups joined by single spaces or dashes holds 13 digits, as the card scan requires: a
    /// separator counts only between two digits, so each run of joined positions is one candidate number.
    /// </summary>
    private static bool HasCardRun(ulong digit, ulong separator)
    {
        var joined = digit | (separator & (digit << 1) & (digit >> 1));
        var run2 = joined & (joined >> 1);
        var run4 = run2 & (run2 >> 2);
        var run8 = run4 & (run4 >> 4);
        var starts = run8 & (run8 >> (CardDigits - 8));
        while (starts != 0)
        {
            // The first start left is where a run begins: an earlier start in the same run would have come first.
            var start = BitOperations.TrailingZeroCount(starts);
            var length = BitOperations.TrailingZeroCount(~(joined >> start));
            var run = (length >= 64 ? ulong.MaxValue : (1UL << length) - 1) << start;
            if (BitOperations.PopCount(digit & run) >= CardDigits)
            {
                return true;
            }

            starts &= ~run;
        }

        return false;
    }
}

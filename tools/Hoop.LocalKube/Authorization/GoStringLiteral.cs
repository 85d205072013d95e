using System.Globalization;
using System.Text;

namespace Hoop.LocalKube.Authorization;

/// <summary>
/// Quotes text the way Go's <c>%q</c> does, so reasons and errors read exactly like kube-apiserver's
/// (a name with a quote or a control character in it is escaped, not printed raw).
/// </summary>
internal static class GoStringLiteral
{
    public static string Quote(string text)
    {
        var quoted = new StringBuilder(text.Length + 2);
        quoted.Append('"');
        foreach (var rune in text.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '"': quoted.Append("\\\""); break;
                case '\\': quoted.Append("\\\\"); break;
                case '\a': quoted.Append("\\a"); break;
                case '\b': quoted.Append("\\b"); break;
                case '\f': quoted.Append("\\f"); break;
                case '\n': quoted.Append("\\n"); break;
                case '\r': quoted.Append("\\r"); break;
                case '\t': quoted.Append("\\t"); break;
                case '\v': quoted.Append("\\v"); break;
                default:
                    AppendOther(quoted, rune);
                    break;
            }
        }
        quoted.Append('"');
        return quoted.ToString();
    }

    private static void AppendOther(StringBuilder quoted, Rune rune)
    {
        if (rune.Value < 0x20 || rune.Value == 0x7f)
        {
            quoted.Append(CultureInfo.InvariantCulture, $"\\x{rune.Value:x2}");
        }
        else if (IsPrintable(rune))
        {
            quoted.Append(rune.ToString());
        }
        else if (rune.Value <= 0xffff)
        {
            quoted.Append(CultureInfo.InvariantCulture, $"\\u{rune.Value:x4}");
        }
        else
        {
            quoted.Append(CultureInfo.InvariantCulture, $"\\U{rune.Value:x8}");
        }
    }

    // Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.
    private static bool IsPrintable(Rune rune) => rune.Value == ' ' || Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => true,
        UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark => true,
        UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
        UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation
            or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
            or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation => true,
        UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol or UnicodeCategory.ModifierSymbol
            or UnicodeCategory.OtherSymbol => true,
        _ => false,
    };
}

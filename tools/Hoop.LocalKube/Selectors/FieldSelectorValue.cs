using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Hoop.LocalKube.Selectors;

/// <summary>
/// The escaping of field selector values (<c>fields.EscapeValue</c>/<c>UnescapeValue</c>): <c>\\</c>, <c>\,</c> and <c>\=</c>
/// stand for the characters that would otherwise split terms or operators.
/// </summary>
internal static class FieldSelectorValue
{
    public static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace(",", "\\,", StringComparison.Ordinal)
            .Replace("=", "\\=", StringComparison.Ordinal);

    /// <summary>Decodes an escaped value; an unknown escape, a trailing '\' or a bare ',' or '=' is an error, worded as the API server's.</summary>
    public static bool TryUnescape(string escaped, [NotNullWhen(true)] out string? value, [NotNullWhen(false)] out string? error)
    {
        value = null;
        error = null;
        if (escaped.AsSpan().IndexOfAny('\\', ',', '=') < 0)
        {
            value = escaped;
            return true;
        }

        var text = new StringBuilder(escaped.Length);
        var afterBackslash = false;
        foreach (var rune in escaped.EnumerateRunes())
        {
            if (afterBackslash)
            {
                if (rune.Value is not ('\\' or ',' or '='))
                {
                    error = "invalid field selector: invalid escape sequence: \\" + rune;
                    return false;
                }

                text.Append(rune.ToString());
                afterBackslash = false;
                continue;
            }

            switch (rune.Value)
            {
                case '\\':
                    afterBackslash = true;
                    break;
                case ',' or '=':
                    // Go prints the rune with %v, which is its number: '=' is reported as 61.
                    error = $"invalid field selector: unescaped character in value: {rune.Value}";
                    return false;
                default:
                    text.Append(rune.ToString());
                    break;
            }
        }

        if (afterBackslash)
        {
            error = "invalid field selector: invalid escape sequence: \\";
            return false;
        }

        value = text.ToString();
        return true;
    }
}

using System.Globalization;
using System.Text;

namespace Hoop.LocalKube.Selectors;

/// <summary>
/// Field validation errors worded as the API server's Go code prints them (<c>field.Error</c>, <c>%q</c>, <c>json.Marshal</c>),
/// so a client sees the message a real cluster would send.
/// </summary>
internal static class FieldError
{
    /// <summary>The API server parses a selector without a field path, and Go prints that nil path as <c>&lt;nil&gt;</c>.</summary>
    public const string NoPath = "<nil>";

    public static string Invalid(string path, string value, string detail) =>
        $"{path}: Invalid value: {GoQuote(value)}: {detail}";

    public static string Invalid(string path, IReadOnlyList<string> values, string detail) =>
        $"{path}: Invalid value: {GoJson(values)}: {detail}";

    /// <summary>One message stands alone; several, without repeats, are bracketed and comma-joined as Go's error aggregate does.</summary>
    public static string Aggregate(IEnumerable<string> messages)
    {
        var distinct = messages.Distinct(StringComparer.Ordinal).ToList();
        return distinct.Count == 1 ? distinct[0] : "[" + string.Join(", ", distinct) + "]";
    }

    /// <summary>Go's <c>strconv.Quote</c>: printable characters stay, the rest become escapes.</summary>
    public static string GoQuote(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var rune in EnumerateRunes(value))
        {
            switch (rune.Value)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\a': text.Append("\\a"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case '\v': text.Append("\\v"); break;
                default:
                    if (IsGoPrintable(rune))
                    {
                        text.Append(rune.ToString());
                    }
                    else if (rune.Value < 0x80)
                    {
                        text.Append(CultureInfo.InvariantCulture, $"\\x{rune.Value:x2}");
                    }
                    else if (rune.Value <= 0xFFFF)
                    {
                        text.Append(CultureInfo.InvariantCulture, $"\\u{rune.Value:x4}");
                    }
                    else
                    {
                        text.Append(CultureInfo.InvariantCulture, $"\\U{rune.Value:x8}");
                    }

                    break;
            }
        }

        return text.Append('"').ToString();
    }

    /// <summary>Go's <c>json.Marshal</c> of a string slice; an empty slice reaches it as nil, which is <c>null</c>.</summary>
    private static string GoJson(IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return "null";
        }

        var text = new StringBuilder().Append('[');
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            text.Append('"');
            foreach (var rune in EnumerateRunes(values[i]))
            {
                switch (rune.Value)
                {
                    case '"': text.Append("\\\""); break;
                    case '\\': text.Append("\\\\"); break;
                    case '\b': text.Append("\\b"); break;
                    case '\f': text.Append("\\f"); break;
                    case '\n': text.Append("\\n"); break;
                    case '\r': text.Append("\\r"); break;
                    case '\t': text.Append("\\t"); break;
                    // Go escapes these so the JSON can sit inside HTML and JavaScript.
                    case '<' or '>' or '&' or 0x2028 or 0x2029 or < 0x20:
                        text.Append(CultureInfo.InvariantCulture, $"\\u{rune.Value:x4}");
                        break;
                    default: text.Append(rune.ToString()); break;
                }
            }

            text.Append('"');
        }

        return text.Append(']').ToString();
    }

    private static bool IsGoPrintable(Rune rune) =>
        rune.Value == ' ' || Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                or UnicodeCategory.OtherNotAssigned or UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator => false,
            _ => true,
        };

    // A lone surrogate cannot come from UTF-8 input; render it as the replacement character Go would show.
    private static IEnumerable<Rune> EnumerateRunes(string value)
    {
        for (var i = 0; i < value.Length;)
        {
            if (Rune.DecodeFromUtf16(value.AsSpan(i), out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                rune = Rune.ReplacementChar;
            }

            yield return rune;
            i += Math.Max(consumed, 1);
        }
    }
}

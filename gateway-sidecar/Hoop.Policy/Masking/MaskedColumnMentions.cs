using Hoop.Api.V1Alpha1;
using Hoop.Policy.Sql;

namespace Hoop.Policy.Masking;

/// <summary>
/// Whether a statement names a column a rule masks. The database describes a computed result column (<c>lower(email)</c>,
/// <c>ssn || ''</c>) with no source, so a rule cannot follow it there; the gateway masks the computed columns, and
/// redacts the values quoted in the errors, of a statement that names a masked column anywhere.
/// </summary>
public static class MaskedColumnMentions
{
    /// <summary>
    /// The strategy computed columns of <paramref name="sql"/> inherit: <see cref="MaskingStrategy.Redact"/> when a
    /// redacting rule is named, else the first named rule's; null when the statement names no masked column.
    /// </summary>
    public static MaskingStrategy? Find(MaskingEngine engine, string sql, SqlDialectSettings dialect)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(sql);
        if (!engine.HasColumnRules || sql.Length == 0)
        {
            return null;
        }

        MaskingStrategy? found = null;
        foreach (var token in SqlLexer.Tokenize(sql, dialect))
        {
            var name = token.Kind switch
            {
                SqlTokenKind.Word => sql.Substring(token.Start, token.Length),
                SqlTokenKind.QuotedIdentifier => Unquote(sql.AsSpan(token.Start, token.Length)),
                _ => null,
            };
            if (name is not null && engine.FindColumnRule(null, name) is { } strategy)
            {
                found = Stricter(found, strategy);
                if (found == MaskingStrategy.Redact)
                {
                    return found;
                }
            }
        }

        return found;
    }

    /// <summary>Of two inherited strategies, the one to apply: redaction over any other, else the first found.</summary>
    public static MaskingStrategy? Stricter(MaskingStrategy? first, MaskingStrategy? second) =>
        first == MaskingStrategy.Redact || second == MaskingStrategy.Redact ? MaskingStrategy.Redact : first ?? second;

    // "a""b" -> a"b, `a``b` -> a`b; U&"..." escapes are left as written, so a rule does not match such a spelling.
    private static string Unquote(ReadOnlySpan<char> quoted)
    {
        if (quoted.Length < 2)
        {
            return quoted.ToString();
        }

        var quote = quoted[^1];
        var start = quoted.IndexOf(quote) + 1;
        var inner = quoted[start..^1].ToString();
        return inner.Replace(new string(quote, 2), quote.ToString(), StringComparison.Ordinal);
    }
}

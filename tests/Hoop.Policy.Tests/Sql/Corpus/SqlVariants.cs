using System.Text;
using Hoop.Policy.Sql;

namespace Hoop.Policy.Tests.Sql.Corpus;

/// <summary>
/// Rewrites of a corpus statement that must not change what it does: other whitespace, other letter case, comments around it.
/// Whitespace and case are only rewritten in "plain" statements (no quotes, comments, escapes or non-ASCII), where no token
/// can be a string or a quoted identifier whose content would change.
/// </summary>
internal static class SqlVariants
{
    private static readonly string[] Spaces = [" ", "  ", "\t", "\n", "\r\n", " \t \n "];

    /// <summary>True when every letter is a keyword or an unquoted identifier and every space separates two tokens.</summary>
    public static bool IsPlain(string text) =>
        text.All(c => c is >= ' ' and <= '~' or '\n' or '\t')
        && text.IndexOfAny(['\'', '"', '`', '$', '\\', '#']) < 0
        && !text.Contains("--", StringComparison.Ordinal)
        && !text.Contains("/*", StringComparison.Ordinal);

    /// <summary>Replaces each run of spaces, tabs and newlines with another, chosen by <paramref name="random"/>.</summary>
    public static string Respace(string plain, Random random)
    {
        ArgumentNullException.ThrowIfNull(plain);
        ArgumentNullException.ThrowIfNull(random);
        var builder = new StringBuilder(plain.Length * 2);
        for (var i = 0; i < plain.Length; i++)
        {
            if (plain[i] is ' ' or '\t' or '\n')
            {
                while (i + 1 < plain.Length && plain[i + 1] is ' ' or '\t' or '\n')
                {
                    i++;
                }

                builder.Append(Spaces[random.Next(Spaces.Length)]);
            }
            else
            {
                builder.Append(plain[i]);
            }
        }

        return builder.ToString();
    }

    /// <summary>Flips the case of each ASCII letter with probability one half.</summary>
    public static string FlipCaseRandomly(string plain, Random random)
    {
        ArgumentNullException.ThrowIfNull(plain);
        ArgumentNullException.ThrowIfNull(random);
        return string.Create(plain.Length, (plain, random), static (span, state) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                var c = state.plain[i];
                span[i] = char.IsAsciiLetter(c) && state.random.Next(2) == 0 ? Flip(c) : c;
            }
        });
    }

    /// <summary>Flips the case of every word written in capitals (the corpus writes keywords that way, identifiers in lower case).</summary>
    public static string LowerKeywords(string plain)
    {
        ArgumentNullException.ThrowIfNull(plain);
        var builder = new StringBuilder(plain);
        var start = -1;
        for (var i = 0; i <= plain.Length; i++)
        {
            var letter = i < plain.Length && (char.IsAsciiLetter(plain[i]) || plain[i] == '_');
            if (letter && start < 0)
            {
                start = i;
            }
            else if (!letter && start >= 0)
            {
                var word = plain[start..i];
                if (word.Any(char.IsAsciiLetterUpper) && !word.Any(char.IsAsciiLetterLower))
                {
                    for (var j = start; j < i; j++)
                    {
                        builder[j] = char.ToLowerInvariant(plain[j]);
                    }
                }

                start = -1;
            }
        }

        return builder.ToString();
    }

    /// <summary>Puts comments before and after the statement, in the dialect's comment styles.</summary>
    public static string WrapInComments(string text, SqlDialect dialect) => dialect == SqlDialect.PostgreSql
        ? $"/* hoop: before */ -- line comment\n{text}\n/* after /* nested */ */"
        : $"/* hoop: before */ # hash comment\n-- line comment\n{text}\n/* after */";

    /// <summary>The variants the read-only oracle runs besides the statement itself.</summary>
    public static IEnumerable<(string Name, string Text)> ForOracle(SqlCorpusEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        yield return ("as written", entry.Text);
        yield return ("in comments", WrapInComments(entry.Text, entry.Dialect));
        if (IsPlain(entry.Text))
        {
            yield return ("respaced", Respace(entry.Text, new Random(entry.Line)));
            var lowered = LowerKeywords(entry.Text);
            if (lowered != entry.Text)
            {
                yield return ("keywords lower-cased", lowered);
            }

            if (entry.Dialect == SqlDialect.PostgreSql)
            {
                // PostgreSQL folds unquoted identifiers, so flipping every letter keeps the statement's meaning.
                yield return ("case flipped", string.Concat(entry.Text.Select(c => char.IsAsciiLetter(c) ? Flip(c) : c)));
            }
        }
    }

    private static char Flip(char c) => char.IsAsciiLetterUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c);
}

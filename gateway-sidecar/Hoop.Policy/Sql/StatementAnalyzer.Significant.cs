using System.Buffers;

namespace Hoop.Policy.Sql;

/// <summary>The walk over a statement's tokens that keeps the significant ones and notes what the trivia and the text hide.</summary>
internal sealed partial class StatementAnalyzer
{
    /// <summary>
    /// Characters that pass for ASCII punctuation or spaces, or are invisible: fullwidth and halfwidth forms, the general
    /// punctuation block (zero-width spaces and joiners, line separators), no-break and ideographic spaces, the BOM and
    /// the Greek question mark that looks like a semicolon. Outside strings they only serve to disguise a statement.
    /// </summary>
    private static readonly SearchValues<char> LookAlikes = SearchValues.Create(
        string.Concat(Range('\u2000', '\u206F'), Range('\uFF00', '\uFFEF'), "\u00A0\u00AD\u037E\u3000\uFEFF"));

    /// <summary>What the walk found besides the significant tokens; one word, so the walk's state stays in registers.</summary>
    [Flags]
    private enum TokenFacts
    {
        None = 0,

        /// <summary>A string, quoted identifier or comment runs to the end of the input.</summary>
        Unterminated = 1,

        /// <summary>A MySQL executable comment starts in the statement, which may consist of nothing else.</summary>
        ExecutableComment = 2,

        /// <summary>A backslash outside strings: a client command.</summary>
        Backslash = 4,

        /// <summary>Look-alike or invisible characters outside strings.</summary>
        LookAlike = 8,

        /// <summary>Some trivia is not a single space, so the normalized text differs from the text.</summary>
        NotNormal = 16,

        /// <summary>Trivia other than a single space between two significant tokens: the normalized text has a space there.</summary>
        CollapsedGap = 32,
    }

    /// <summary>
    /// Copies the significant tokens of <paramref name="tokens"/> to the work array (<see cref="_n"/> of them), marking those
    /// the normalized text separates with a space, and matches their parentheses.
    /// </summary>
    private TokenFacts CollectSignificant(ReadOnlySpan<SqlToken> tokens, bool nonAscii, out int normalizedLength)
    {
        var sql = _sql.AsSpan();
        var significant = _t;
        var facts = TokenFacts.None;
        var length = 0;
        var n = 0;

        // The trivia since the last significant token: none, one single space (which normalizing keeps as it is), or other.
        // Trivia before the first significant token is dropped, so it counts as none.
        const int NoGap = 0, PlainGap = 1, SpacedGap = 2;
        var gap = NoGap;

        // Matches parentheses on the way: _match holds, for each '(', the index of its ')'. _ctes doubles as the stack
        // here; it is reset before the scan uses it for CTE names.
        var match = _match;
        var stack = _ctes;
        var depth = 0;
        foreach (ref readonly var token in tokens)
        {
            var kind = token.Kind;
            if (token.IsUnterminated)
            {
                facts |= TokenFacts.Unterminated;
            }

            if (kind <= SqlTokenKind.ExecutableCommentEnd)
            {
                var space = kind == SqlTokenKind.Whitespace && token.Length == 1 && sql[token.Start] == ' ';
                if (!space)
                {
                    facts |= kind == SqlTokenKind.ExecutableCommentStart ? TokenFacts.ExecutableComment | TokenFacts.NotNormal : TokenFacts.NotNormal;
                }

                if (n > 0)
                {
                    gap = gap == NoGap && space ? PlainGap : SpacedGap;
                }

                continue;
            }

            if (kind == SqlTokenKind.Other && sql[token.Start] == '\\')
            {
                facts |= TokenFacts.Backslash;
            }

            length += token.Length + (gap == NoGap ? 0 : 1);
            if (kind == SqlTokenKind.OpenParen)
            {
                stack[depth++] = n;
            }
            else if (kind == SqlTokenKind.CloseParen && depth > 0)
            {
                match[stack[--depth]] = n;
            }

            if (gap == SpacedGap)
            {
                facts |= TokenFacts.CollapsedGap;
                significant[n++] = token with { Flags = token.Flags | SqlTokenFlags.SpacedBefore };
            }
            else
            {
                significant[n++] = token;
            }

            gap = NoGap;
        }

        // An unclosed parenthesis matches the end of the statement.
        while (depth > 0)
        {
            match[stack[--depth]] = n;
        }

        _n = n;
        normalizedLength = length;
        return nonAscii && HasLookAlike(tokens, sql) ? facts | TokenFacts.LookAlike : facts;
    }

    // Apart from the walk, which then makes no call and keeps its state in registers; most statements are ASCII and skip it.
    private static bool HasLookAlike(ReadOnlySpan<SqlToken> tokens, ReadOnlySpan<char> sql)
    {
        foreach (ref readonly var token in tokens)
        {
            if (token.Kind is SqlTokenKind.Word or SqlTokenKind.Other or SqlTokenKind.Operator
                && sql.Slice(token.Start, token.Length).ContainsAny(LookAlikes))
            {
                return true;
            }
        }

        return false;
    }

    private static string Range(char first, char last)
    {
        var chars = new char[last - first + 1];
        for (var c = first; c <= last; c++)
        {
            chars[c - first] = c;
        }

        return new string(chars);
    }
}

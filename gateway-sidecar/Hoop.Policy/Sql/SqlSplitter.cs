namespace Hoop.Policy.Sql;

/// <summary>
/// Splits a token stream into statements at <c>;</c> outside parentheses and outside the bodies of routines that
/// contain statements: PostgreSQL <c>BEGIN ATOMIC ... END</c> (the heuristic psql uses) and MySQL compound statements
/// (<c>CREATE PROCEDURE/FUNCTION/TRIGGER/EVENT ... BEGIN ... END</c>, MariaDB <c>BEGIN NOT ATOMIC ... END</c>).
/// Strings, comments and dollar quotes are single tokens, so a <c>;</c> inside them is never seen.
/// </summary>
internal static class SqlSplitter
{
    /// <summary>Lexes and splits (tests, tools).</summary>
    public static SqlSegment[] Split(string sql, SqlDialectSettings dialect)
    {
        var tokens = SqlLexer.Tokenize(sql, dialect);
        var segments = new SqlSegment[tokens.Length + 1];
        var count = Split(sql, tokens, dialect, segments);
        Array.Resize(ref segments, count);
        return segments;
    }

    /// <summary>
    /// Splits <paramref name="tokens"/> of <paramref name="s"/>; <paramref name="into"/> needs one slot more than there are
    /// <c>;</c> tokens (tokens.Length + 1 always suffices).
    /// </summary>
    public static int Split(ReadOnlySpan<char> s, ReadOnlySpan<SqlToken> tokens, SqlDialectSettings dialect, Span<SqlSegment> into)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        var mySql = dialect.Dialect == SqlDialect.MySql;
        var n = 0;
        var segmentStart = 0;
        var firstToken = 0;
        var state = default(StatementState);
        for (var i = 0; i < tokens.Length; i++)
        {
            var token = tokens[i];
            switch (token.Kind)
            {
                case SqlTokenKind.OpenParen:
                    state.ParenDepth++;
                    break;
                case SqlTokenKind.CloseParen:
                    state.ParenDepth = Math.Max(0, state.ParenDepth - 1);
                    break;
                case SqlTokenKind.Word:
                    Track(ref state, s, tokens, i, mySql);
                    break;
                case SqlTokenKind.Semicolon when state.ParenDepth > 0:
                    state.SemicolonInParentheses = true;
                    break;
                case SqlTokenKind.Semicolon when state.BlockDepth == 0:
                    into[n++] = new SqlSegment(segmentStart, token.Start - segmentStart, 1, firstToken, i - firstToken, state.SemicolonInParentheses);
                    segmentStart = token.End;
                    firstToken = i + 1;
                    state = default;
                    break;
                default:
                    break;
            }
        }

        into[n++] = new SqlSegment(segmentStart, s.Length - segmentStart, 0, firstToken, tokens.Length - firstToken, state.SemicolonInParentheses);
        return n;
    }

    /// <summary>The one segment of a batch that holds no <c>;</c> character: what <see cref="Split(ReadOnlySpan{char}, ReadOnlySpan{SqlToken}, SqlDialectSettings, Span{SqlSegment})"/> would give, without the walk.</summary>
    public static int Whole(int length, int tokenCount, Span<SqlSegment> into)
    {
        into[0] = new SqlSegment(0, length, 0, 0, tokenCount);
        return 1;
    }

    private static void Track(ref StatementState state, ReadOnlySpan<char> s, ReadOnlySpan<SqlToken> tokens, int i, bool mySql)
    {
        var word = state.Words++;
        if (word > 0 && !state.MayHaveBody)
        {
            if (word > 12 || state.NoBody)
            {
                return;
            }
        }

        var keyword = tokens[i].Keyword;
        if (!state.MayHaveBody)
        {
            if (word == 0)
            {
                state.NoBody = keyword != SqlKeyword.Create && !(mySql && keyword == SqlKeyword.Begin);
                state.StartsWithBegin = keyword == SqlKeyword.Begin;
                return;
            }

            if (state.StartsWithBegin)
            {
                // MariaDB anonymous block: BEGIN NOT ATOMIC ... END.
                state.NoBody = true;
                if (word == 1 && keyword == SqlKeyword.Not)
                {
                    state.MayHaveBody = true;
                    state.BlockDepth = 1;
                }

                return;
            }

            state.MayHaveBody = mySql
                ? keyword is SqlKeyword.Procedure or SqlKeyword.Function or SqlKeyword.Trigger or SqlKeyword.Event
                : keyword is SqlKeyword.Procedure or SqlKeyword.Function;
            if (!mySql && !state.MayHaveBody && keyword is not (SqlKeyword.Or or SqlKeyword.Replace))
            {
                state.NoBody = true;
            }

            return;
        }

        if (!mySql && state.ParenDepth > 0)
        {
            return;
        }

        switch (keyword)
        {
            case SqlKeyword.Begin:
                state.BlockDepth++;
                break;
            case SqlKeyword.Case when state.BlockDepth > 0:
                if (mySql)
                {
                    state.CaseDepth++;
                }
                else
                {
                    state.BlockDepth++;
                }

                break;
            case SqlKeyword.End when state.BlockDepth > 0:
                if (!mySql)
                {
                    state.BlockDepth--;
                    break;
                }

                // MySQL: END IF / END LOOP / END WHILE / END REPEAT close other blocks; END CASE or a bare END may close a CASE.
                var next = NextWord(s, tokens, i);
                if (next is "IF" or "LOOP" or "WHILE" or "REPEAT")
                {
                    break;
                }

                if (state.CaseDepth > 0)
                {
                    state.CaseDepth--;
                }
                else if (next != "CASE")
                {
                    state.BlockDepth--;
                }

                break;
            default:
                break;
        }
    }

    private static string? NextWord(ReadOnlySpan<char> s, ReadOnlySpan<SqlToken> tokens, int i)
    {
        for (var j = i + 1; j < tokens.Length; j++)
        {
            if (tokens[j].IsTrivia)
            {
                continue;
            }

            if (tokens[j].Kind != SqlTokenKind.Word)
            {
                return null;
            }

            var word = s.Slice(tokens[j].Start, tokens[j].Length);
            foreach (var candidate in (ReadOnlySpan<string>)["IF", "LOOP", "WHILE", "REPEAT", "CASE"])
            {
                if (System.Text.Ascii.EqualsIgnoreCase(word, candidate))
                {
                    return candidate;
                }
            }

            return null;
        }

        return null;
    }

    private struct StatementState
    {
        public int ParenDepth;
        public int BlockDepth;
        public int CaseDepth;
        public int Words;
        public bool StartsWithBegin;
        public bool MayHaveBody;
        public bool NoBody;
        public bool SemicolonInParentheses;
    }
}

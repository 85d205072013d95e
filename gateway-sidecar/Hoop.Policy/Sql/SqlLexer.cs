using System.Runtime.CompilerServices;

namespace Hoop.Policy.Sql;

/// <summary>
/// Cuts SQL text into tokens that cover every character, in order, with no gaps. Never throws and never backtracks: an
/// unterminated string, identifier or comment runs to the end of the input and is flagged <see cref="SqlTokenFlags.Unterminated"/>.
/// </summary>
/// <remarks>
/// Follows the PostgreSQL lexical structure (nested block comments, E/B/X/N/U&amp; strings, dollar quoting,
/// <c>standard_conforming_strings</c>) and MySQL/MariaDB's (<c>#</c> and <c>-- </c> comments, executable comments, backticks,
/// backslash escapes unless <c>NO_BACKSLASH_ESCAPES</c>, <c>"</c> strings unless <c>ANSI_QUOTES</c>, charset introducers).
/// </remarks>
internal static partial class SqlLexer
{
    /// <summary>Tokenizes into an exact-size array (tests, tools); the hot path uses the span overload with a reused buffer.</summary>
    public static SqlToken[] Tokenize(string sql, SqlDialectSettings dialect)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var buffer = new SqlToken[MaxTokens(sql.Length)];
        var count = Tokenize(sql, dialect, buffer);
        Array.Resize(ref buffer, count);
        return buffer;
    }

    /// <summary>An upper bound of the token count: every token is at least one character long.</summary>
    public static int MaxTokens(int length) => length;

    /// <summary>Tokenizes <paramref name="s"/> into <paramref name="into"/> (at least <see cref="MaxTokens"/> long); returns the count.</summary>
    public static int Tokenize(ReadOnlySpan<char> s, SqlDialectSettings dialect, Span<SqlToken> into)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        var mySql = dialect.Dialect == SqlDialect.MySql;
        var pgBackslash = !dialect.StandardConformingStrings;
        var myBackslash = !dialect.NoBackslashEscapes;
        var pos = 0;
        var n = 0;
        var executableStart = -1;
        var plainBackslash = mySql ? myBackslash : pgBackslash;

        // The helpers' out arguments go to these, so that kind and terminated, set on every token, stay in registers.
        bool closed;
        SqlTokenKind literal;
        while (pos < s.Length)
        {
            var start = pos;
            var c = s[pos];
            var kind = SqlTokenKind.Operator;
            var terminated = true;
            var next = pos + 1 < s.Length ? s[pos + 1] : '\0';
            if (IsAsciiLetter(c) || c == '_' || c >= '\x80')
            {
                // Most tokens are plain words, and no case below starts with a letter: skip the switch. A quote or '&' after
                // the first letter, or a quote after a word starting with '_', may make it a prefixed literal instead.
                pos = next is '\'' or '&' ? pos : WordEnd(s, pos + 1);
                if (pos == start || (mySql && c == '_' && pos < s.Length && s[pos] == '\''))
                {
                    pos = WordOrPrefixedLiteral(s, start, mySql, plainBackslash, out literal, out closed);
                    kind = literal;
                    terminated = closed;
                }
                else
                {
                    kind = SqlTokenKind.Word;
                }

                Add(into, ref n, s, kind, start, pos, terminated);
                continue;
            }

            if (c == ' ' && next is not (' ' or '\t' or '\n' or '\r' or '\f' or '\v'))
            {
                // A single space, the commonest separator.
                Add(into, ref n, s, SqlTokenKind.Whitespace, start, ++pos, terminated: true);
                continue;
            }

            switch (c)
            {
                case ' ' or '\t' or '\n' or '\r' or '\f' or '\v':
                    pos++;
                    while (pos < s.Length && s[pos] is ' ' or '\t' or '\n' or '\r' or '\f' or '\v')
                    {
                        pos++;
                    }

                    kind = SqlTokenKind.Whitespace;
                    break;
                case '-' when next == '-' && (!mySql || pos + 2 >= s.Length || s[pos + 2] <= ' ' || s[pos + 2] == '\x7f'):
                case '#' when mySql:
                    pos = LineEnd(s, pos, mySql);
                    kind = SqlTokenKind.LineComment;
                    break;
                case '/' when next == '*':
                    if (mySql && executableStart < 0 && TryExecutableStart(s, pos, out var markerEnd))
                    {
                        executableStart = n;
                        pos = markerEnd;
                        kind = SqlTokenKind.ExecutableCommentStart;
                        break;
                    }

                    pos = mySql ? FlatCommentEnd(s, pos, out closed) : NestedCommentEnd(s, pos, out closed);
                    terminated = closed;
                    kind = SqlTokenKind.BlockComment;
                    break;
                case '*' when next == '/' && executableStart >= 0:
                    pos += 2;
                    executableStart = -1;
                    kind = SqlTokenKind.ExecutableCommentEnd;
                    break;
                case '\'':
                    pos = QuotedEnd(s, pos, '\'', mySql ? myBackslash : pgBackslash, out closed);
                    terminated = closed;
                    kind = SqlTokenKind.String;
                    break;
                case '"' when mySql && !dialect.AnsiQuotes:
                    pos = QuotedEnd(s, pos, '"', myBackslash, out closed);
                    terminated = closed;
                    kind = SqlTokenKind.String;
                    break;
                case '"':
                    pos = QuotedEnd(s, pos, '"', backslash: false, out closed);
                    terminated = closed;
                    kind = SqlTokenKind.QuotedIdentifier;
                    break;
                case '`' when mySql:
                    pos = QuotedEnd(s, pos, '`', backslash: false, out closed);
                    terminated = closed;
                    kind = SqlTokenKind.QuotedIdentifier;
                    break;
                case '$' when !mySql:
                    pos = Dollar(s, pos, out literal, out closed);
                    kind = literal;
                    terminated = closed;
                    break;
                case '@' when mySql:
                    pos = VariableEnd(s, pos, myBackslash, out closed);
                    terminated = closed;
                    kind = SqlTokenKind.Variable;
                    break;
                case ':' when next == ':':
                    pos += 2;
                    break;
                case '(':
                    pos++;
                    kind = SqlTokenKind.OpenParen;
                    break;
                case ')':
                    pos++;
                    kind = SqlTokenKind.CloseParen;
                    break;
                case ',':
                    pos++;
                    kind = SqlTokenKind.Comma;
                    break;
                case ';':
                    pos++;
                    kind = SqlTokenKind.Semicolon;
                    break;
                case '.' when !IsDigit(next):
                    pos++;
                    kind = SqlTokenKind.Dot;
                    break;
                case '+' or '-' or '*' or '/' or '<' or '>' or '=' or '~' or '!' or '%' or '^' or '&' or '|' or '?' or ':' or '#' or '@'
                    or '[' or ']' or '{' or '}':
                    pos++;
                    break;
                default:
                    if (IsDigit(c) || c == '.')
                    {
                        pos = NumberEnd(s, pos);
                        kind = SqlTokenKind.Number;
                        if (mySql && pos < s.Length && IsWordChar(s[pos]))
                        {
                            // MySQL identifiers may start with digits (1abc, 0xZZ).
                            pos = WordEnd(s, pos);
                            kind = SqlTokenKind.Word;
                        }
                    }
                    else if (IsWordStart(c, mySql))
                    {
                        pos = WordOrPrefixedLiteral(s, pos, mySql, plainBackslash, out literal, out closed);
                        kind = literal;
                        terminated = closed;
                    }
                    else
                    {
                        pos++;
                        kind = SqlTokenKind.Other;
                    }

                    break;
            }

            Add(into, ref n, s, kind, start, pos, terminated);
        }

        if (executableStart >= 0)
        {
            into[executableStart] = into[executableStart] with { Flags = SqlTokenFlags.Unterminated };
        }

        return n;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add(Span<SqlToken> into, ref int n, ReadOnlySpan<char> s, SqlTokenKind kind, int start, int end, bool terminated)
    {
        // Words get their keyword here, once, so the splitter and the analyzer only compare enum values.
        var keyword = kind == SqlTokenKind.Word ? SqlKeywords.Lookup(s[start..end]) : SqlKeyword.None;
        into[n++] = new SqlToken(kind, start, end - start, terminated ? SqlTokenFlags.None : SqlTokenFlags.Unterminated, keyword);
    }

    private static bool IsDigit(char c) => (uint)(c - '0') <= 9;

    private static bool IsAsciiLetter(char c) => (uint)((c | 0x20) - 'a') <= 'z' - 'a';

    // Both servers treat every non-ASCII character as an identifier character (PostgreSQL: any high-bit byte).
    private static bool IsWordStart(char c, bool mySql) => IsAsciiLetter(c) || c == '_' || c >= '\x80' || (mySql && c == '$');

    // '$' continues an identifier in both dialects, so a word character does not depend on the dialect.
    private static bool IsWordChar(char c) => IsAsciiLetter(c) || IsDigit(c) || c == '_' || c == '$' || c >= '\x80';

    private static int WordEnd(ReadOnlySpan<char> s, int pos)
    {
        while (pos < s.Length && IsWordChar(s[pos]))
        {
            pos++;
        }

        return pos;
    }
}

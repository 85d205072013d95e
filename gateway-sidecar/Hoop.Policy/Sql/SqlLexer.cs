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
internal static class SqlLexer
{
    /// <summary>Tokenizes into an exact-size array (tests, tools); the hot path uses the span overload with a pooled buffer.</summary>
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
        while (pos < s.Length)
        {
            var start = pos;
            var c = s[pos];
            var next = pos + 1 < s.Length ? s[pos + 1] : '\0';
            var kind = SqlTokenKind.Operator;
            var terminated = true;
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

                    pos = mySql ? FlatCommentEnd(s, pos, out terminated) : NestedCommentEnd(s, pos, out terminated);
                    kind = SqlTokenKind.BlockComment;
                    break;
                case '*' when next == '/' && executableStart >= 0:
                    pos += 2;
                    executableStart = -1;
                    kind = SqlTokenKind.ExecutableCommentEnd;
                    break;
                case '\'':
                    pos = QuotedEnd(s, pos, '\'', mySql ? myBackslash : pgBackslash, out terminated);
                    kind = SqlTokenKind.String;
                    break;
                case '"' when mySql && !dialect.AnsiQuotes:
                    pos = QuotedEnd(s, pos, '"', myBackslash, out terminated);
                    kind = SqlTokenKind.String;
                    break;
                case '"':
                    pos = QuotedEnd(s, pos, '"', backslash: false, out terminated);
                    kind = SqlTokenKind.QuotedIdentifier;
                    break;
                case '`' when mySql:
                    pos = QuotedEnd(s, pos, '`', backslash: false, out terminated);
                    kind = SqlTokenKind.QuotedIdentifier;
                    break;
                case '$' when !mySql:
                    pos = Dollar(s, pos, out kind, out terminated);
                    break;
                case '@' when mySql:
                    pos = VariableEnd(s, pos, myBackslash, out terminated);
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
                        if (mySql && pos < s.Length && IsWordChar(s[pos], mySql))
                        {
                            // MySQL identifiers may start with digits (1abc, 0xZZ).
                            pos = WordEnd(s, pos, mySql);
                            kind = SqlTokenKind.Word;
                        }
                    }
                    else if (IsWordStart(c, mySql))
                    {
                        pos = WordOrPrefixedLiteral(s, pos, mySql, mySql ? myBackslash : pgBackslash, out kind, out terminated);
                    }
                    else
                    {
                        pos++;
                        kind = SqlTokenKind.Other;
                    }

                    break;
            }

            into[n++] = new SqlToken(kind, start, pos - start, terminated ? SqlTokenFlags.None : SqlTokenFlags.Unterminated);
        }

        if (executableStart >= 0)
        {
            into[executableStart] = into[executableStart] with { Flags = SqlTokenFlags.Unterminated };
        }

        return n;
    }

    private static bool IsDigit(char c) => (uint)(c - '0') <= 9;

    private static bool IsAsciiLetter(char c) => (uint)((c | 0x20) - 'a') <= 'z' - 'a';

    // Both servers treat every non-ASCII character as an identifier character (PostgreSQL: any high-bit byte).
    private static bool IsWordStart(char c, bool mySql) => IsAsciiLetter(c) || c == '_' || c >= '\x80' || (mySql && c == '$');

    private static bool IsWordChar(char c, bool mySql) => IsWordStart(c, mySql) || IsDigit(c) || c == '$';

    private static int WordEnd(ReadOnlySpan<char> s, int pos, bool mySql)
    {
        while (pos < s.Length && IsWordChar(s[pos], mySql))
        {
            pos++;
        }

        return pos;
    }

    private static int LineEnd(ReadOnlySpan<char> s, int pos, bool mySql)
    {
        // PostgreSQL ends a -- comment at \n or \r; MySQL skips to \n.
        var rest = s[pos..];
        var at = mySql ? rest.IndexOf('\n') : rest.IndexOfAny('\n', '\r');
        return at < 0 ? s.Length : pos + at;
    }

    private static int FlatCommentEnd(ReadOnlySpan<char> s, int pos, out bool terminated)
    {
        var at = s[(pos + 2)..].IndexOf("*/");
        terminated = at >= 0;
        return terminated ? pos + 2 + at + 2 : s.Length;
    }

    private static int NestedCommentEnd(ReadOnlySpan<char> s, int pos, out bool terminated)
    {
        var depth = 1;
        var i = pos + 2;
        while (i < s.Length)
        {
            var at = s[i..].IndexOfAny('*', '/');
            if (at < 0)
            {
                break;
            }

            i += at;
            if (s[i] == '*' && i + 1 < s.Length && s[i + 1] == '/')
            {
                i += 2;
                if (--depth == 0)
                {
                    terminated = true;
                    return i;
                }
            }
            else if (s[i] == '/' && i + 1 < s.Length && s[i + 1] == '*')
            {
                i += 2;
                depth++;
            }
            else
            {
                i++;
            }
        }

        terminated = false;
        return s.Length;
    }

    private static bool TryExecutableStart(ReadOnlySpan<char> s, int pos, out int end)
    {
        var i = pos + 2;
        if (i < s.Length && s[i] is 'M' or 'm' && i + 1 < s.Length && s[i + 1] == '!')
        {
            i++;
        }

        if (i >= s.Length || s[i] != '!')
        {
            end = pos;
            return false;
        }

        i++;
        var digits = 0;
        while (digits < 6 && i + digits < s.Length && IsDigit(s[i + digits]))
        {
            digits++;
        }

        // A version is five digits (MySQL) or six (MariaDB); fewer digits are code.
        end = digits >= 5 ? i + digits : i;
        return true;
    }

    private static int QuotedEnd(ReadOnlySpan<char> s, int pos, char quote, bool backslash, out bool terminated)
    {
        var i = pos + 1;
        while (i < s.Length)
        {
            var at = backslash ? s[i..].IndexOfAny(quote, '\\') : s[i..].IndexOf(quote);
            if (at < 0)
            {
                break;
            }

            i += at;
            if (s[i] == '\\')
            {
                i += 2;
                continue;
            }

            if (i + 1 < s.Length && s[i + 1] == quote)
            {
                i += 2;
                continue;
            }

            terminated = true;
            return i + 1;
        }

        terminated = false;
        return s.Length;
    }

    private static int VariableEnd(ReadOnlySpan<char> s, int pos, bool backslash, out bool terminated)
    {
        terminated = true;
        var i = pos + 1;
        if (i < s.Length && s[i] == '@')
        {
            i++;
        }

        if (i < s.Length && s[i] is '\'' or '"' or '`')
        {
            return QuotedEnd(s, i, s[i], backslash && s[i] != '`', out terminated);
        }

        while (i < s.Length && (IsWordChar(s[i], mySql: true) || s[i] == '.'))
        {
            i++;
        }

        return i;
    }

    private static int Dollar(ReadOnlySpan<char> s, int pos, out SqlTokenKind kind, out bool terminated)
    {
        terminated = true;
        var i = pos + 1;
        if (i < s.Length && IsDigit(s[i]))
        {
            while (i < s.Length && IsDigit(s[i]))
            {
                i++;
            }

            kind = SqlTokenKind.Parameter;
            return i;
        }

        // A tag is an identifier without '$' whose first character is not a digit: $$, $body$.
        if (i < s.Length && IsWordStart(s[i], mySql: false))
        {
            while (i < s.Length && (IsWordStart(s[i], mySql: false) || IsDigit(s[i])))
            {
                i++;
            }
        }

        if (i >= s.Length || s[i] != '$')
        {
            kind = SqlTokenKind.Other;
            return pos + 1;
        }

        kind = SqlTokenKind.DollarString;
        var tag = s[pos..(i + 1)];
        var j = i + 1;
        while (j < s.Length)
        {
            // Tags contain no '$', so a failed match stops at the next '$' at the latest: linear overall.
            var at = s[j..].IndexOf('$');
            if (at < 0)
            {
                break;
            }

            j += at;
            if (s[j..].StartsWith(tag, StringComparison.Ordinal))
            {
                return j + tag.Length;
            }

            j++;
        }

        terminated = false;
        return s.Length;
    }

    private static int NumberEnd(ReadOnlySpan<char> s, int pos)
    {
        var i = pos;
        if (s[i] == '0' && i + 1 < s.Length && s[i + 1] is 'x' or 'X' or 'o' or 'O' or 'b' or 'B')
        {
            i += 2;
            while (i < s.Length && (char.IsAsciiHexDigit(s[i]) || s[i] == '_'))
            {
                i++;
            }

            return i;
        }

        while (i < s.Length && (IsDigit(s[i]) || s[i] == '_'))
        {
            i++;
        }

        if (i < s.Length && s[i] == '.')
        {
            i++;
            while (i < s.Length && (IsDigit(s[i]) || s[i] == '_'))
            {
                i++;
            }
        }

        if (i < s.Length && s[i] is 'e' or 'E')
        {
            var j = i + 1;
            if (j < s.Length && s[j] is '+' or '-')
            {
                j++;
            }

            if (j < s.Length && IsDigit(s[j]))
            {
                i = j;
                while (i < s.Length && IsDigit(s[i]))
                {
                    i++;
                }
            }
        }

        return i;
    }

    private static int WordOrPrefixedLiteral(
        ReadOnlySpan<char> s, int pos, bool mySql, bool plainBackslash, out SqlTokenKind kind, out bool terminated)
    {
        terminated = true;
        var c = (char)(s[pos] | 0x20);
        var next = pos + 1 < s.Length ? s[pos + 1] : '\0';
        if (next == '\'')
        {
            switch (c)
            {
                case 'e' when !mySql:
                    kind = SqlTokenKind.String;
                    return QuotedEnd(s, pos + 1, '\'', backslash: true, out terminated);
                case 'b' or 'x':
                    kind = SqlTokenKind.String;
                    return QuotedEnd(s, pos + 1, '\'', backslash: false, out terminated);
                case 'n':
                    kind = SqlTokenKind.String;
                    return QuotedEnd(s, pos + 1, '\'', plainBackslash, out terminated);
                default:
                    break;
            }
        }

        if (!mySql && c == 'u' && next == '&' && pos + 2 < s.Length && s[pos + 2] is '\'' or '"')
        {
            // U&'...' and U&"...": the escape character (\ or UESCAPE) never ends the literal, only the quote does.
            kind = s[pos + 2] == '"' ? SqlTokenKind.QuotedIdentifier : SqlTokenKind.String;
            return QuotedEnd(s, pos + 2, s[pos + 2], backslash: false, out terminated);
        }

        var end = WordEnd(s, pos, mySql);
        if (mySql && s[pos] == '_' && end < s.Length && s[end] == '\'')
        {
            // Charset introducer: _utf8mb4'...'.
            kind = SqlTokenKind.String;
            return QuotedEnd(s, end, '\'', plainBackslash, out terminated);
        }

        kind = SqlTokenKind.Word;
        return end;
    }
}

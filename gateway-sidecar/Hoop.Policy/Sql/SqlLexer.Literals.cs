namespace Hoop.Policy.Sql;

/// <summary>Literals: quoted strings and identifiers, prefixed strings, dollar quotes, numbers, MySQL variables.</summary>
internal static partial class SqlLexer
{
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

        while (i < s.Length && (IsWordChar(s[i]) || s[i] == '.'))
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

        var end = WordEnd(s, pos);
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

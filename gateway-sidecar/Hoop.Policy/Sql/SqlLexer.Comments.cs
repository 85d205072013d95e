namespace Hoop.Policy.Sql;

/// <summary>Comments: <c>--</c> and <c>#</c> lines, flat (MySQL) and nested (PostgreSQL) blocks, MySQL executable comments.</summary>
internal static partial class SqlLexer
{
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
}

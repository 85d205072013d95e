namespace Hoop.Policy.Sql;

/// <summary>
/// Table names as the server resolves them. PostgreSQL folds unquoted names to lower case and keeps quoted ones exact.
/// MySQL never folds identifiers, quoted or not: whether <c>Users</c> and <c>users</c> are one table depends on
/// <c>lower_case_table_names</c> and the file system. Both are lower-cased here so a policy on <c>users</c> cannot be
/// sidestepped by writing <c>USERS</c> or <c>`Users`</c> on a server that ignores case.
/// </summary>
internal sealed partial class StatementAnalyzer
{
    private void ReadTableRef(int j, bool list, bool from, int depth)
    {
        while (K(j) is SqlKeyword.Only or SqlKeyword.Temp or SqlKeyword.Temporary or SqlKeyword.Unlogged or SqlKeyword.Table
            or SqlKeyword.Tables or SqlKeyword.Concurrently or SqlKeyword.Low_Priority or SqlKeyword.Delayed
            or SqlKeyword.High_Priority or SqlKeyword.Ignore or SqlKeyword.Quick or SqlKeyword.If or SqlKeyword.Not
            or SqlKeyword.Exists)
        {
            j++;
        }

        if (list)
        {
            _inList = true;
            _listFrom = from;
            _listDepth = depth;
        }

        if (!IsName(j) || K(j) is SqlKeyword.Select or SqlKeyword.Values or SqlKeyword.Where or SqlKeyword.Set
            or SqlKeyword.With or SqlKeyword.Default or SqlKeyword.Lateral or SqlKeyword.Join or SqlKeyword.On
            or SqlKeyword.Using or SqlKeyword.Stdin or SqlKeyword.Stdout or SqlKeyword.Program or SqlKeyword.Dual)
        {
            return;
        }

        var first = j;
        while (IsTok(j + 1, SqlTokenKind.Dot) && (IsName(j + 2) || (IsTok(j + 2, SqlTokenKind.Operator) && Text(j + 2) is "*")))
        {
            j += 2;
        }

        if (from && IsTok(j + 1, SqlTokenKind.OpenParen))
        {
            // FROM f(x): a function, not a table.
            return;
        }

        if (first == j && IsCte(first))
        {
            return;
        }

        AddTable(first, j);
    }

    private bool IsCte(int name)
    {
        if (_cteCount == 0)
        {
            return false;
        }

        var a = _scratch.AsSpan(0, 128);
        var b = _scratch.AsSpan(128, 128);
        var length = IdentifierText(name, a);
        for (var c = 0; c < _cteCount; c++)
        {
            var other = IdentifierText(_ctes[c], b);
            if (other == length && a[..length].SequenceEqual(b[..other]))
            {
                return true;
            }
        }

        return false;
    }

    private void AddTable(int first, int last)
    {
        var bound = _t[last].End - _t[first].Start;
        var buffer = bound <= 256 ? _scratch.AsSpan(0, bound) : new char[bound];
        var w = 0;
        for (var i = first; i <= last; i++)
        {
            if (IsTok(i, SqlTokenKind.Dot))
            {
                buffer[w++] = '.';
                continue;
            }

            if (IsTok(i, SqlTokenKind.Operator))
            {
                buffer[w++] = '*';
                continue;
            }

            w += IdentifierText(i, buffer[w..]);
        }

        var name = buffer[..w];
        foreach (var existing in _tables)
        {
            if (name.SequenceEqual(existing))
            {
                return;
            }
        }

        _tables.Add(new string(name));
    }

    /// <summary>Writes the identifier as the server resolves it (see the type remarks); returns its length, 0 if it does not fit.</summary>
    private int IdentifierText(int i, Span<char> into)
    {
        var token = _t[i];
        var text = _sql.AsSpan(token.Start, token.Length);
        if (token.Kind == SqlTokenKind.Word)
        {
            if (text.Length > into.Length)
            {
                return 0;
            }

            if (_mySql)
            {
                text.ToLowerInvariant(into);
            }
            else
            {
                for (var c = 0; c < text.Length; c++)
                {
                    // PostgreSQL folds ASCII letters only.
                    if ((uint)(text[c] - 'A') <= 'Z' - 'A')
                    {
                        into[c] = (char)(text[c] | 0x20);
                    }
                    else
                    {
                        into[c] = text[c];
                    }
                }
            }

            return text.Length;
        }

        // Quoted: drop the U& prefix and the quotes, undouble the quote character.
        if (text.Length > 0 && text[0] is 'U' or 'u')
        {
            text = text[2..];
        }

        var quote = text[0];
        var body = token.IsUnterminated || text.Length < 2 ? text[1..] : text[1..^1];
        var w = 0;
        for (var c = 0; c < body.Length; c++)
        {
            if (w >= into.Length)
            {
                return 0;
            }

            into[w++] = _mySql ? char.ToLowerInvariant(body[c]) : body[c];
            if (body[c] == quote && c + 1 < body.Length && body[c + 1] == quote)
            {
                c++;
            }
        }

        return w;
    }
}

using Hoop.Api.V1Alpha1;

namespace Hoop.Policy.Sql;

/// <summary>One pass over a statement: function calls, data-modifying subqueries, locking clauses, SELECT INTO, tables.</summary>
internal sealed partial class StatementAnalyzer
{
    private void Scan()
    {
        var depth = 0;
        var callMask = 0UL;
        for (var i = 0; i < _n; i++)
        {
            switch (_t[i].Kind)
            {
                case SqlTokenKind.OpenParen:
                    var call = i > 0 && _skipCallParen != i && IsName(i - 1) && IsCall(i - 1);
                    if (call)
                    {
                        OnCall(i - 1);
                    }

                    depth++;
                    if (depth < 64)
                    {
                        callMask = call ? callMask | (1UL << depth) : callMask & ~(1UL << depth);
                    }

                    break;
                case SqlTokenKind.CloseParen:
                    depth = Math.Max(0, depth - 1);
                    _inList &= depth >= _listDepth;
                    break;
                case SqlTokenKind.Comma when _inList && depth == _listDepth:
                    ReadTableRef(i + 1, list: true, from: _listFrom, depth);
                    break;
                case SqlTokenKind.QuotedIdentifier:
                    RecordCte(i);
                    break;
                case SqlTokenKind.Word:
                    var inCall = depth is > 0 and < 64 && ((callMask >> depth) & 1) != 0;
                    ScanWord(i, depth, inCall);
                    break;
                default:
                    break;
            }
        }
    }

    private void ScanWord(int i, int depth, bool inCall)
    {
        var keyword = _t[i].Keyword;
        RecordCte(i);
        if (_inList && depth == _listDepth && EndsTableList(keyword))
        {
            _inList = false;
        }

        switch (keyword)
        {
            case SqlKeyword.With:
                _sawWith = true;
                break;
            case SqlKeyword.From when !inCall && _fromIsTable:
            case SqlKeyword.Join or SqlKeyword.Straight_Join:
                ReadTableRef(i + 1, list: true, from: true, depth);
                break;
            case SqlKeyword.Using when !IsTok(i + 1, SqlTokenKind.OpenParen) && !IsTok(i + 2, SqlTokenKind.OpenParen):
                ReadTableRef(i + 1, list: false, from: true, depth);
                break;
            case SqlKeyword.Into:
                Into(i, depth);
                break;
            case SqlKeyword.Next when K(i + 1) == SqlKeyword.Value && K(i + 2) == SqlKeyword.For:
                Raise(StatementKind.Write, "NEXT VALUE FOR advances a sequence");
                break;
            case SqlKeyword.For when K(i + 1) is SqlKeyword.Update or SqlKeyword.Share or SqlKeyword.No or SqlKeyword.Key:
                Raise(StatementKind.Write, "FOR UPDATE/SHARE locks the rows it reads");
                break;
            case SqlKeyword.Lock when i > 0 && K(i + 1) == SqlKeyword.In:
                Raise(StatementKind.Write, "LOCK IN SHARE MODE locks the rows it reads");
                break;
            case SqlKeyword.Lock or SqlKeyword.Truncate when i == _innerStart:
                ReadTableRef(i + 1, list: true, from: false, depth);
                break;
            case SqlKeyword.Update when StartsStatement(i):
                Raise(StatementKind.Write, "the statement modifies data");
                ReadTableRef(i + 1, list: true, from: false, depth);
                break;
            case SqlKeyword.Delete or SqlKeyword.Merge when StartsStatement(i):
                Raise(StatementKind.Write, "the statement modifies data");
                if (keyword == SqlKeyword.Delete && K(i + 1) != SqlKeyword.From)
                {
                    ReadTableRef(i + 1, list: true, from: false, depth);
                }

                break;
            case SqlKeyword.Insert or SqlKeyword.Replace when StartsStatement(i) && !IsTok(i + 1, SqlTokenKind.OpenParen)
                && (_mySql || keyword == SqlKeyword.Insert):
                Raise(StatementKind.Write, "the statement modifies data");
                var j = i + 1;
                while (K(j) is SqlKeyword.Low_Priority or SqlKeyword.Delayed or SqlKeyword.High_Priority or SqlKeyword.Ignore)
                {
                    j++;
                }

                if (K(j) != SqlKeyword.Into)
                {
                    ReadTableRef(j, list: false, from: false, depth);
                }

                break;
            case SqlKeyword.Table when K(i - 1) != SqlKeyword.Returns:
            case SqlKeyword.View:
            case SqlKeyword.Tables when K(i - 1) == SqlKeyword.Lock:
                ReadTableRef(i + 1, list: true, from: false, depth);
                break;
            case SqlKeyword.Copy when StartsStatement(i):
            case SqlKeyword.References:
                ReadTableRef(i + 1, list: false, from: false, depth);
                break;
            case SqlKeyword.On when _onIsTable && depth == 0:
                _onIsTable = false;
                OnTarget(i + 1, depth);
                break;
            case SqlKeyword.To when _renameTo:
                ReadTableRef(i + 1, list: true, from: false, depth);
                break;
            default:
                break;
        }
    }

    private bool StartsStatement(int i) => i == _innerStart || IsTok(i - 1, SqlTokenKind.OpenParen) || IsTok(i - 1, SqlTokenKind.CloseParen);

    private bool EndsTableList(SqlKeyword keyword) => keyword switch
    {
        SqlKeyword.Where or SqlKeyword.Group or SqlKeyword.Having or SqlKeyword.Limit or SqlKeyword.Offset or SqlKeyword.Fetch
            or SqlKeyword.For or SqlKeyword.Window or SqlKeyword.Union or SqlKeyword.Intersect or SqlKeyword.Except
            or SqlKeyword.Returning or SqlKeyword.Set or SqlKeyword.Values or SqlKeyword.Select or SqlKeyword.Into
            or SqlKeyword.Cascade or SqlKeyword.Restrict or SqlKeyword.In or SqlKeyword.With or SqlKeyword.Order => true,
        SqlKeyword.To => !_renameTo,
        _ => false,
    };

    private void Into(int i, int depth)
    {
        var selectInto = _query && K(i - 1) is not (SqlKeyword.Insert or SqlKeyword.Replace or SqlKeyword.Merge
            or SqlKeyword.Ignore or SqlKeyword.Low_Priority or SqlKeyword.Delayed or SqlKeyword.High_Priority);
        if (!selectInto)
        {
            ReadTableRef(i + 1, list: false, from: false, depth);
            return;
        }

        if (!_mySql)
        {
            Raise(StatementKind.Ddl, "SELECT ... INTO creates a table, like CREATE TABLE AS");
            ReadTableRef(i + 1, list: false, from: false, depth);
        }
        else if (K(i + 1) is SqlKeyword.Outfile or SqlKeyword.Dumpfile)
        {
            Raise(StatementKind.Admin, "SELECT ... INTO OUTFILE/DUMPFILE writes a file on the database server");
        }
        else
        {
            Raise(StatementKind.Session, "SELECT ... INTO assigns variables");
        }
    }

    private void OnTarget(int j, int depth)
    {
        switch (K(j))
        {
            case SqlKeyword.All:
                // GRANT ... ON ALL TABLES IN SCHEMA s: which tables is not in the text.
                _complete = false;
                return;
            case SqlKeyword.Schema or SqlKeyword.Database or SqlKeyword.Function or SqlKeyword.Procedure or SqlKeyword.Sequence
                or SqlKeyword.Type or SqlKeyword.Domain or SqlKeyword.Foreign or SqlKeyword.Large or SqlKeyword.Tablespace
                or SqlKeyword.Language or SqlKeyword.Routine or SqlKeyword.Parameter or SqlKeyword.Tables or SqlKeyword.Select
                or SqlKeyword.Insert or SqlKeyword.Update or SqlKeyword.Delete:
                return;
            default:
                ReadTableRef(j, list: true, from: false, depth);
                return;
        }
    }

    /// <summary>A CTE name: after WITH, RECURSIVE or a comma, and followed by [(columns)] AS [NOT] [MATERIALIZED] (.</summary>
    private void RecordCte(int i)
    {
        if (!_sawWith || i == 0 || !(K(i - 1) is SqlKeyword.With or SqlKeyword.Recursive || IsTok(i - 1, SqlTokenKind.Comma)))
        {
            return;
        }

        var j = i + 1;
        var columns = -1;
        if (IsTok(j, SqlTokenKind.OpenParen))
        {
            columns = j;
            j = After(j);
        }

        if (K(j) != SqlKeyword.As)
        {
            return;
        }

        j++;
        j += K(j) == SqlKeyword.Not ? 1 : 0;
        j += K(j) == SqlKeyword.Materialized ? 1 : 0;
        if (!IsTok(j, SqlTokenKind.OpenParen))
        {
            return;
        }

        _ctes[_cteCount++] = i;
        _skipCallParen = columns;
    }

    private bool IsCall(int name)
    {
        var head = name;
        while (head >= 2 && IsTok(head - 1, SqlTokenKind.Dot) && IsName(head - 2))
        {
            head -= 2;
        }

        if (head == name && _t[name].Keyword != SqlKeyword.None && SqlKeywords.OpensNonCallParen(_t[name].Keyword))
        {
            return false;
        }

        if (head != name && K(head - 1) is SqlKeyword.From or SqlKeyword.Join)
        {
            // FROM schema.f(...) calls a function; FROM schema.t alias(a, b) is handled below by the alias rule.
            return true;
        }

        var before = head - 1;
        if (before < 0)
        {
            return true;
        }

        if (IsTok(before, SqlTokenKind.CloseParen) || (IsTok(before, SqlTokenKind.Operator) && Text(before) is "::"))
        {
            // (VALUES ...) v(a, b) is an alias with columns; x::numeric(10,2) is a type.
            return false;
        }

        if (IsName(before) && K(before) == SqlKeyword.None)
        {
            // FROM t x(a, b): an alias with columns.
            return !(K(before - 1) is SqlKeyword.From or SqlKeyword.Join);
        }

        // Names followed by column lists or type modifiers: INSERT INTO s.t(a), CREATE TABLE t(...), CAST(x AS numeric(10,2)),
        // and TABLESAMPLE SYSTEM (10), whose method takes arguments without being a function.
        return K(before) is not (SqlKeyword.As or SqlKeyword.Tablesample or SqlKeyword.Into or SqlKeyword.Table or SqlKeyword.Function
            or SqlKeyword.Procedure or SqlKeyword.View or SqlKeyword.Insert or SqlKeyword.Replace or SqlKeyword.References
            or SqlKeyword.Key or SqlKeyword.Type or SqlKeyword.Index or SqlKeyword.Trigger or SqlKeyword.Copy
            or SqlKeyword.Exists or SqlKeyword.Aggregate or SqlKeyword.Operator or SqlKeyword.Returns);
    }

    private void OnCall(int name)
    {
        if (!_executes)
        {
            return;
        }

        var qualified = name >= 2 && IsTok(name - 1, SqlTokenKind.Dot) && IsName(name - 2);
        var effect = SqlFunctionEffect.Unknown;
        var buffer = _scratch.AsSpan(0, 64);
        var length = IdentifierText(name, buffer);
        var caseExact = !_mySql && _t[name].Kind == SqlTokenKind.QuotedIdentifier;
        if (length > 0 && !(caseExact && buffer[..length].ContainsAnyInRange('A', 'Z')))
        {
            var schemaOk = !qualified;
            if (qualified && !_mySql)
            {
                var schema = _scratch.AsSpan(64, 16);
                var schemaLength = IdentifierText(name - 2, schema);
                schemaOk = schemaLength > 0 && schema[..schemaLength].SequenceEqual("pg_catalog");
            }

            if (schemaOk)
            {
                effect = SqlFunctions.Lookup(buffer[..length], _mySql ? SqlDialect.MySql : SqlDialect.PostgreSql);
            }
        }

        if (effect == SqlFunctionEffect.Session && buffer[..length].SequenceEqual("set_config"))
        {
            effect = SetConfigEffect(name);
        }

        var kind = effect switch
        {
            SqlFunctionEffect.Dcl => StatementKind.Dcl,
            SqlFunctionEffect.None => StatementKind.Read,
            SqlFunctionEffect.Session => StatementKind.Session,
            SqlFunctionEffect.Write => StatementKind.Write,
            SqlFunctionEffect.Admin => StatementKind.Admin,
            _ => StatementKind.Unknown,
        };
        if (effect == SqlFunctionEffect.Unknown)
        {
            _complete = false;
        }

        if (!Outranks(kind))
        {
            return;
        }

        var start = _t[qualified ? name - 2 : name].Start;
        var written = _sql.AsSpan(start, _t[name].End - start);
        var why = effect switch
        {
            SqlFunctionEffect.Session => "which changes session settings",
            SqlFunctionEffect.Dcl => "which changes the privileges of the session",
            SqlFunctionEffect.Write => "which changes data",
            SqlFunctionEffect.Admin => "which acts on the server, its files or other sessions",
            _ => "which is not a reviewed side-effect-free built-in",
        };
        Raise(kind, $"calls {written}(), {why}");
    }

    /// <summary>set_config('role' | 'session_authorization', ...) changes privileges; a setting not written as a literal could.</summary>
    private SqlFunctionEffect SetConfigEffect(int name)
    {
        if (!IsTok(name + 2, SqlTokenKind.String))
        {
            return SqlFunctionEffect.Unknown;
        }

        var literal = _sql.AsSpan(_t[name + 2].Start, _t[name + 2].Length);
        if (literal.Length < 2 || literal[0] != '\'' || literal[^1] != '\'' || literal[1..^1].ContainsAny('\'', '\\'))
        {
            return SqlFunctionEffect.Unknown;
        }

        var setting = literal[1..^1].Trim();
        return setting.Equals("role", StringComparison.OrdinalIgnoreCase) || setting.Equals("session_authorization", StringComparison.OrdinalIgnoreCase)
            ? SqlFunctionEffect.Dcl
            : SqlFunctionEffect.Session;
    }
}

using Hoop.Api.V1Alpha1;

namespace Hoop.Policy.Sql;

/// <summary>The kind a statement gets from its leading keywords.</summary>
internal sealed partial class StatementAnalyzer
{
    private StatementKind Head(int i)
    {
        _executes = false;
        _query = false;
        _innerStart = i;
        if (i >= _n)
        {
            _reason = "a statement is missing after the keyword";
            return StatementKind.Unknown;
        }

        if (_t[i].Kind == SqlTokenKind.OpenParen)
        {
            return Query();
        }

        var keyword = _t[i].Keyword;
        if (i == 0)
        {
            _head = keyword;
        }

        switch (keyword)
        {
            case SqlKeyword.Select or SqlKeyword.Values or SqlKeyword.Table or SqlKeyword.With:
                return Query();
            case SqlKeyword.Insert or SqlKeyword.Update or SqlKeyword.Delete or SqlKeyword.Merge or SqlKeyword.Upsert:
                _executes = true;
                return StatementKind.Write;
            case SqlKeyword.Replace when _mySql:
                _executes = true;
                return StatementKind.Write;
            case SqlKeyword.Copy when !_mySql:
                return Copy(i);
            case SqlKeyword.Truncate:
                _reason = "TRUNCATE is DDL here, as MySQL documents it: it removes all rows at once and fires no row triggers";
                return StatementKind.Ddl;
            case SqlKeyword.Lock:
                return _mySql && K(i + 1) == SqlKeyword.Instance ? StatementKind.Admin : StatementKind.Write;
            case SqlKeyword.Unlock when _mySql:
                return K(i + 1) == SqlKeyword.Instance ? StatementKind.Admin : StatementKind.Session;
            case SqlKeyword.Create:
                return Create(i);
            case SqlKeyword.Alter:
                return K(i + 1) switch
                {
                    SqlKeyword.System or SqlKeyword.Instance => Because(StatementKind.Admin, "it changes the server configuration"),
                    SqlKeyword.Role or SqlKeyword.User or SqlKeyword.Group or SqlKeyword.Default => StatementKind.Dcl,
                    _ => StatementKind.Ddl,
                };
            case SqlKeyword.Drop:
                return K(i + 1) is SqlKeyword.Role or SqlKeyword.User or SqlKeyword.Group or SqlKeyword.Owned
                    ? StatementKind.Dcl
                    : StatementKind.Ddl;
            case SqlKeyword.Rename:
                _renameTo = true;
                return K(i + 1) == SqlKeyword.User ? StatementKind.Dcl : StatementKind.Ddl;
            case SqlKeyword.Comment when !_mySql:
            case SqlKeyword.Refresh when !_mySql:
                return StatementKind.Ddl;
            case SqlKeyword.Import:
                return _mySql ? StatementKind.Admin : StatementKind.Ddl;
            case SqlKeyword.Grant or SqlKeyword.Revoke:
                _onIsTable = true;
                _fromIsTable = keyword == SqlKeyword.Grant;
                return StatementKind.Dcl;
            case SqlKeyword.Reassign when !_mySql:
                return StatementKind.Dcl;
            case SqlKeyword.Security when K(i + 1) == SqlKeyword.Label:
                return StatementKind.Dcl;
            case SqlKeyword.Set:
                return _mySql ? MySqlSet(i) : PostgreSqlSet(i);
            case SqlKeyword.Reset:
                if (_mySql)
                {
                    return Because(StatementKind.Admin, "MySQL RESET acts on logs, caches or replication");
                }

                return K(i + 1) is SqlKeyword.Role or SqlKeyword.Session
                    ? Because(StatementKind.Dcl, "it changes the privileges of the session")
                    : StatementKind.Session;
            case SqlKeyword.Show or SqlKeyword.Help:
                _fromIsTable = false;
                return StatementKind.Session;
            case SqlKeyword.Deallocate when _mySql:
            case SqlKeyword.Use when _mySql:
            case SqlKeyword.Listen or SqlKeyword.Unlisten or SqlKeyword.Fetch or SqlKeyword.Move or SqlKeyword.Close
                or SqlKeyword.Deallocate when !_mySql:
                return StatementKind.Session;
            case SqlKeyword.Discard when !_mySql:
                return K(i + 1) == SqlKeyword.All
                    ? Because(StatementKind.Dcl, "DISCARD ALL also resets the session authorization")
                    : StatementKind.Session;
            case SqlKeyword.Notify when !_mySql:
                return Because(StatementKind.Write, "NOTIFY delivers a message to other sessions");
            case SqlKeyword.Declare when !_mySql:
                return Cursor(i);
            case SqlKeyword.Begin:
                if (_mySql && K(i + 1) == SqlKeyword.Not)
                {
                    _complete = false;
                    return Because(StatementKind.Unknown, "BEGIN NOT ATOMIC runs a compound statement");
                }

                return StatementKind.Transaction;
            case SqlKeyword.Start:
                return K(i + 1) == SqlKeyword.Transaction ? StatementKind.Transaction
                    : _mySql ? Because(StatementKind.Admin, "it starts replication") : StatementKind.Unknown;
            case SqlKeyword.Stop when _mySql:
                return Because(StatementKind.Admin, "it stops replication");
            case SqlKeyword.Commit or SqlKeyword.Rollback:
                return K(i + 1) == SqlKeyword.Prepared
                    ? Because(StatementKind.Admin, "it finishes a prepared transaction, which may belong to any session")
                    : StatementKind.Transaction;
            case SqlKeyword.Savepoint or SqlKeyword.Release:
            case SqlKeyword.Abort or SqlKeyword.End when !_mySql:
                return StatementKind.Transaction;
            case SqlKeyword.Xa when _mySql:
                return K(i + 1) is SqlKeyword.Start or SqlKeyword.Begin or SqlKeyword.End
                    ? StatementKind.Transaction
                    : Because(StatementKind.Admin, "it acts on a prepared XA transaction, which may belong to any session");
            case SqlKeyword.Prepare:
                return Prepare(i);
            case SqlKeyword.Execute:
            case SqlKeyword.Call:
                _complete = false;
                return Because(StatementKind.Unknown, "it runs a prepared statement or routine whose body is not in this text");
            case SqlKeyword.Do:
                if (_mySql)
                {
                    _executes = true;
                    return StatementKind.Session;
                }

                _complete = false;
                return Because(StatementKind.Unknown, "DO runs procedural code");
            case SqlKeyword.Explain or SqlKeyword.Describe or SqlKeyword.Desc:
                return Explain(i);
            case SqlKeyword.Analyze or SqlKeyword.Analyse:
                return Analyze(i);
            case SqlKeyword.Vacuum or SqlKeyword.Cluster when !_mySql:
                ReadMaintenanceTargets(i);
                return StatementKind.Admin;
            case SqlKeyword.Checkpoint or SqlKeyword.Reindex or SqlKeyword.Load when !_mySql:
            case SqlKeyword.Load or SqlKeyword.Kill or SqlKeyword.Flush or SqlKeyword.Shutdown or SqlKeyword.Restart
                or SqlKeyword.Install or SqlKeyword.Uninstall or SqlKeyword.Optimize or SqlKeyword.Repair or SqlKeyword.Check
                or SqlKeyword.Checksum or SqlKeyword.Purge or SqlKeyword.Change or SqlKeyword.Binlog or SqlKeyword.Cache
                or SqlKeyword.Clone when _mySql:
                return StatementKind.Admin;
            case SqlKeyword.Handler when _mySql:
                ReadTableRef(i + 1, list: false, from: false, depth: 0);
                return StatementKind.Session;
            case SqlKeyword.Delimiter or SqlKeyword.Source:
                return Because(StatementKind.Unknown, "a client command, not SQL the server runs");
            default:
                return Because(StatementKind.Unknown, "the statement is not recognized");
        }
    }

    private StatementKind Because(StatementKind kind, string reason)
    {
        _reason = reason;
        return kind;
    }

    private StatementKind Query()
    {
        _query = true;
        _executes = true;
        return StatementKind.Read;
    }

    private StatementKind Create(int i)
    {
        var end = Math.Min(_n, i + 14);
        for (var j = i + 1; j < end; j++)
        {
            switch (K(j))
            {
                case SqlKeyword.Role or SqlKeyword.User or SqlKeyword.Group:
                    return StatementKind.Dcl;
                case SqlKeyword.Table or SqlKeyword.Materialized:
                    return CreateTable(j);
                case SqlKeyword.View or SqlKeyword.Function or SqlKeyword.Procedure or SqlKeyword.Trigger or SqlKeyword.Event
                    or SqlKeyword.Database or SqlKeyword.Schema or SqlKeyword.Extension or SqlKeyword.Server or SqlKeyword.Type
                    or SqlKeyword.Domain or SqlKeyword.Aggregate or SqlKeyword.Operator or SqlKeyword.Sequence:
                    return StatementKind.Ddl;
                case SqlKeyword.Index or SqlKeyword.Rule or SqlKeyword.Policy:
                    _onIsTable = true;
                    return StatementKind.Ddl;
                default:
                    break;
            }
        }

        return StatementKind.Ddl;
    }

    private StatementKind CreateTable(int j)
    {
        // CREATE TABLE ... AS query (PostgreSQL, MySQL) or CREATE TABLE ... [(...)] SELECT (MySQL) runs the query.
        for (var k = j + 1; k < _n; k = After(k))
        {
            var isQuery = K(k) == SqlKeyword.As && (K(k + 1) is SqlKeyword.Select or SqlKeyword.With or SqlKeyword.Values
                or SqlKeyword.Table || IsTok(k + 1, SqlTokenKind.OpenParen));
            if (isQuery || (_mySql && K(k) is SqlKeyword.Select or SqlKeyword.With))
            {
                _executes = true;
                _innerStart = K(k) == SqlKeyword.As ? k + 1 : k;
                return Because(StatementKind.Ddl, "CREATE ... AS runs its query");
            }
        }

        return StatementKind.Ddl;
    }

    private StatementKind PostgreSqlSet(int i)
    {
        var j = i + 1;
        if (K(j) is SqlKeyword.Session or SqlKeyword.Local)
        {
            j++;
        }

        if (IsSetting(j, "role") || IsSetting(j, "session_authorization"))
        {
            return Because(StatementKind.Dcl, "it changes the privileges of the session");
        }

        return K(j) switch
        {
            SqlKeyword.Role or SqlKeyword.Authorization => Because(StatementKind.Dcl, "it changes the privileges of the session"),
            SqlKeyword.Transaction or SqlKeyword.Constraints => StatementKind.Transaction,
            _ => StatementKind.Session,
        };
    }

    private StatementKind MySqlSet(int i)
    {
        var j = i + 1;
        switch (K(j))
        {
            case SqlKeyword.Password or SqlKeyword.Role:
            case SqlKeyword.Default when K(j + 1) == SqlKeyword.Role:
                return Because(StatementKind.Dcl, "it changes accounts or the privileges of the session");
            case SqlKeyword.Statement:
                for (var k = j + 1; k < _n; k = After(k))
                {
                    if (K(k) == SqlKeyword.For)
                    {
                        return StatementKinds.MostPrivileged(StatementKind.Session, Head(k + 1));
                    }
                }

                return StatementKind.Unknown;
            case SqlKeyword.Transaction:
            case SqlKeyword.Session or SqlKeyword.Local when K(j + 1) == SqlKeyword.Transaction:
                return StatementKind.Transaction;
            default:
                break;
        }

        for (var k = j; k < _n; k++)
        {
            var global = K(k) is SqlKeyword.Global or SqlKeyword.Persist
                || (IsTok(k, SqlTokenKind.Word) && System.Text.Ascii.EqualsIgnoreCase(Text(k), "PERSIST_ONLY"))
                || (IsTok(k, SqlTokenKind.Variable) && (Text(k).StartsWith("@@global", StringComparison.OrdinalIgnoreCase)
                    || Text(k).StartsWith("@@persist", StringComparison.OrdinalIgnoreCase)));
            if (global)
            {
                return Because(StatementKind.Admin, "SET GLOBAL/PERSIST changes the configuration of every session");
            }
        }

        _executes = true;
        return StatementKind.Session;
    }

    /// <summary>Whether token <paramref name="i"/> names the setting, quoted or not: PostgreSQL setting names ignore case.</summary>
    private bool IsSetting(int i, string setting)
    {
        if (i >= _n || _t[i].Kind is not (SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier))
        {
            return false;
        }

        var text = _sql.AsSpan(_t[i].Start, _t[i].Length);
        if (_t[i].Kind == SqlTokenKind.QuotedIdentifier)
        {
            text = text.Length >= 2 ? text[1..^1] : [];
        }

        return text.Equals(setting, StringComparison.OrdinalIgnoreCase);
    }
}

using Hoop.Api.V1Alpha1;

namespace Hoop.Policy.Sql;

/// <summary>Heads whose kind depends on what they wrap or act on: COPY, DECLARE CURSOR, PREPARE, EXPLAIN, ANALYZE, VACUUM.</summary>
internal sealed partial class StatementAnalyzer
{
    private StatementKind Copy(int i)
    {
        var j = i + 1;
        var inner = StatementKind.Read;
        if (IsTok(j, SqlTokenKind.OpenParen))
        {
            inner = Head(j + 1);
            j = After(j);
        }
        else
        {
            ReadTableRef(j, list: false, from: false, depth: 0);
            while ((IsName(j) && K(j) is not (SqlKeyword.From or SqlKeyword.To)) || IsTok(j, SqlTokenKind.Dot))
            {
                j++;
            }

            j = IsTok(j, SqlTokenKind.OpenParen) ? After(j) : j;
        }

        _executes = true;
        var direction = K(j);
        var target = j + 1;
        if (K(target) == SqlKeyword.Program)
        {
            return Because(StatementKind.Admin, "COPY ... PROGRAM runs a shell command on the database server");
        }

        if (IsTok(target, SqlTokenKind.String))
        {
            return Because(StatementKind.Admin, "COPY with a file name reads or writes the database server's file system");
        }

        return direction switch
        {
            SqlKeyword.From when K(target) == SqlKeyword.Stdin => StatementKind.Write,
            SqlKeyword.To when K(target) == SqlKeyword.Stdout => StatementKinds.MostPrivileged(StatementKind.Read, inner),
            _ => Because(StatementKind.Unknown, "COPY with an unrecognized source or destination"),
        };
    }

    private StatementKind Cursor(int i)
    {
        for (var j = i + 1; j < _n; j = After(j))
        {
            if (K(j) == SqlKeyword.For)
            {
                var inner = Head(j + 1);
                return StatementKinds.MostPrivileged(StatementKind.Session, inner);
            }
        }

        return StatementKind.Unknown;
    }

    private StatementKind Prepare(int i)
    {
        if (K(i + 1) == SqlKeyword.Transaction)
        {
            return Because(StatementKind.Admin, "PREPARE TRANSACTION leaves a transaction that any session can finish");
        }

        if (!_mySql)
        {
            for (var j = i + 1; j < _n; j = After(j))
            {
                if (K(j) == SqlKeyword.As)
                {
                    var inner = Head(j + 1);
                    _reason ??= "PREPARE takes the kind of the statement it prepares";
                    return StatementKinds.MostPrivileged(StatementKind.Session, inner);
                }
            }
        }

        _complete = false;
        return Because(StatementKind.Unknown, "PREPARE ... FROM prepares text the gateway cannot see");
    }

    private StatementKind Explain(int i)
    {
        var j = i + 1;
        var analyze = false;
        if (IsTok(j, SqlTokenKind.OpenParen))
        {
            for (var k = j + 1; k < _match[j] && k < _n; k++)
            {
                if (K(k) is SqlKeyword.Analyze or SqlKeyword.Analyse)
                {
                    analyze |= !(IsTok(k + 1, SqlTokenKind.Word) && (Text(k + 1).Equals("false", StringComparison.OrdinalIgnoreCase)
                        || Text(k + 1).Equals("off", StringComparison.OrdinalIgnoreCase)))
                        && !(IsTok(k + 1, SqlTokenKind.Number) && Text(k + 1) is "0");
                }
            }

            j = After(j);
        }

        while (K(j) is SqlKeyword.Analyze or SqlKeyword.Analyse or SqlKeyword.Verbose or SqlKeyword.Extended
            or SqlKeyword.Partitions or SqlKeyword.Format)
        {
            analyze |= K(j) is SqlKeyword.Analyze or SqlKeyword.Analyse;
            j += K(j) == SqlKeyword.Format && IsTok(j + 1, SqlTokenKind.Operator) ? 3 : 1;
        }

        var explainsStatement = IsTok(j, SqlTokenKind.OpenParen) || K(j) is SqlKeyword.Select or SqlKeyword.Insert
            or SqlKeyword.Update or SqlKeyword.Delete or SqlKeyword.Replace or SqlKeyword.Table or SqlKeyword.With
            or SqlKeyword.Values or SqlKeyword.Merge or SqlKeyword.Create or SqlKeyword.Execute or SqlKeyword.Declare;
        if (_mySql && !explainsStatement)
        {
            // DESCRIBE t, EXPLAIN t, EXPLAIN FOR CONNECTION n: metadata, like SHOW.
            ReadTableRef(j, list: false, from: false, depth: 0);
            return StatementKind.Session;
        }

        var inner = Head(j);
        if (!analyze)
        {
            _executes = false;
            _reason = "EXPLAIN without ANALYZE only plans the statement";
            return StatementKind.Read;
        }

        _reason = "EXPLAIN ANALYZE runs the statement";
        return StatementKinds.MostPrivileged(StatementKind.Read, inner);
    }

    private StatementKind Analyze(int i)
    {
        if (_mySql)
        {
            var j = i + 1;
            if (IsTok(j, SqlTokenKind.OpenParen) || K(j) is SqlKeyword.Select or SqlKeyword.Insert or SqlKeyword.Update
                or SqlKeyword.Delete or SqlKeyword.Replace or SqlKeyword.With or SqlKeyword.Values)
            {
                var inner = Head(j);
                _reason = "MariaDB ANALYZE runs the statement";
                return StatementKinds.MostPrivileged(StatementKind.Read, inner);
            }

            return StatementKind.Admin;
        }

        ReadMaintenanceTargets(i);
        return StatementKind.Admin;
    }

    private void ReadMaintenanceTargets(int i)
    {
        // VACUUM [(options)] [FULL] [FREEZE] [VERBOSE] [ANALYZE] t, u; ANALYZE and CLUSTER alike.
        var j = IsTok(i + 1, SqlTokenKind.OpenParen) ? After(i + 1) : i + 1;
        while (K(j) is SqlKeyword.Full or SqlKeyword.Freeze or SqlKeyword.Verbose or SqlKeyword.Analyze or SqlKeyword.Analyse)
        {
            j++;
        }

        ReadTableRef(j, list: true, from: false, depth: 0);
    }
}

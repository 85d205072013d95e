using Hoop.Gateway.Postgres.Protocol;

namespace Hoop.Gateway.Postgres.Sessions;

/// <summary>
/// The SQL behind the session's prepared statements and portals, as the client declared them with Parse and Bind. The
/// gateway decides at Execute, by the SQL the portal runs — preparing a statement runs nothing, and a statement prepared
/// once and executed many times is judged at every execution.
/// </summary>
internal sealed class PreparedStatements
{
    /// <summary>More than this many named statements or portals is refused rather than remembered.</summary>
    public const int Limit = 10_000;

    private readonly Dictionary<string, string> _statements = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _portals = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _portalStatements = new(StringComparer.Ordinal);

    public void Parsed(string statement, string sql)
    {
        if (_statements.Count >= Limit && !_statements.ContainsKey(statement))
        {
            throw new PgProtocolException(PgSqlState.ProgramLimitExceeded, $"the session has more than {Limit} prepared statements; close some (DEALLOCATE) first");
        }

        _statements[statement] = sql;
    }

    public void Bound(string portal, string statement)
    {
        if (_portals.Count >= Limit && !_portals.ContainsKey(portal))
        {
            throw new PgProtocolException(PgSqlState.ProgramLimitExceeded, $"the session has more than {Limit} open portals; close some first");
        }

        // A Bind to a statement the gateway never saw prepared leaves the portal unknown: executing it is refused.
        _portals[portal] = _statements.GetValueOrDefault(statement);
        _portalStatements[portal] = statement;
    }

    /// <summary>The SQL an Execute of <paramref name="portal"/> runs, or null when the gateway cannot tell.</summary>
    public string? SqlOf(string portal) => _portals.GetValueOrDefault(portal);

    /// <summary>The prepared statement behind a portal, whose described columns its rows have.</summary>
    public string? StatementOf(string portal) => _portalStatements.GetValueOrDefault(portal);

    public void Closed(PgObjectKind kind, string name)
    {
        if (kind == PgObjectKind.Portal)
        {
            _portals.Remove(name);
            _portalStatements.Remove(name);
        }
        else
        {
            _statements.Remove(name);
        }
    }

    /// <summary>Portals live until their transaction ends.</summary>
    public void TransactionEnded()
    {
        _portals.Clear();
        _portalStatements.Clear();
    }
}

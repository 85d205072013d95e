using Hoop.Api.V1Alpha1;
using Hoop.Gateway.Postgres.Protocol;

namespace Hoop.Gateway.Postgres.Sessions;

/// <summary>
/// One forwarded unit the server will answer with ReadyForQuery (a simple Query, or extended messages up to Sync): what
/// the server said about it — rows, command tags, the first error — and what to do once it is answered.
/// </summary>
internal sealed class SyncTracker(int? statementId, long startedTimestamp, Func<SyncTracker, Task>? completed = null, bool silent = false, short[]? resultFormats = null)
{
    /// <summary>The result format codes the unit's last Bind asked for: how its rows' values are encoded.</summary>
    public short[]? ResultFormats { get; } = resultFormats;

    /// <summary>Sent by the gateway itself (to abort a transaction): the server's answer is not relayed to the client.</summary>
    public bool Silent { get; } = silent;

    public int? StatementId { get; } = statementId;

    /// <summary>
    /// The masking the unit's computed result columns and quoted error values get because its statements name a masked
    /// column (<see cref="Policy.Masking.MaskedColumnMentions"/>); null when they name none.
    /// </summary>
    public MaskingStrategy? Inherited { get; init; }

    public long StartedTimestamp { get; } = startedTimestamp;

    public long RowsReturned { get; private set; }

    public long? RowsAffected { get; private set; }

    public string? LastTag { get; private set; }

    public (string SqlState, string Message)? Error { get; private set; }

    public Func<SyncTracker, Task>? Completed { get; } = completed;

    /// <summary>The unit's Describes, in order, with the prepared statement whose columns each one answers.</summary>
    public Queue<(bool Portal, string? Statement)> Described { get; init; } = new();

    /// <summary>The prepared statements of the unit's Executes, in order; each execution ends with CommandComplete, PortalSuspended, EmptyQueryResponse or an error.</summary>
    public Queue<string?> Executed { get; init; } = new();

    public void Row() => RowsReturned++;

    public void Tag(string tag)
    {
        LastTag = tag;
        if (CommandTags.RowCount(tag) is { } count)
        {
            RowsAffected = (RowsAffected ?? 0) + count;
        }
    }

    public void Failed(string sqlState, string message) => Error ??= (sqlState, message);
}

using Hoop.Gateway.Postgres.Protocol;

namespace Hoop.Gateway.Postgres.Backend;

/// <summary>
/// Runs SQL the gateway itself sends (an approved AccessRequest's statement) as a simple query on a logged-in backend,
/// inside one transaction that is committed only when everything in it succeeded.
/// </summary>
internal static class BackendScript
{
    /// <summary>Rows the statements changed or returned, and the first error (SQLSTATE and message, unmasked).</summary>
    public sealed record Outcome(long RowsAffected, string? SqlState, string? Error);

    public static async Task<Outcome> RunInTransactionAsync(BackendConnection backend, string sql, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(backend);
        var begin = await QueryAsync(backend, "BEGIN", cancellationToken).ConfigureAwait(false);
        if (begin.Outcome.Error is not null)
        {
            return begin.Outcome;
        }

        var (outcome, _) = await QueryAsync(backend, sql, cancellationToken).ConfigureAwait(false);
        if (outcome.Error is not null)
        {
            await QueryAsync(backend, "ROLLBACK", cancellationToken).ConfigureAwait(false);
            return outcome;
        }

        var (commit, tag) = await QueryAsync(backend, "COMMIT", cancellationToken).ConfigureAwait(false);
        return commit.Error is not null ? outcome with { SqlState = commit.SqlState, Error = commit.Error }
            : tag == "ROLLBACK" ? outcome with { SqlState = "40000", Error = "the transaction was rolled back at COMMIT (the statement ended it itself)" }
            : outcome;
    }

    private static async Task<(Outcome Outcome, string? LastTag)> QueryAsync(BackendConnection backend, string sql, CancellationToken cancellationToken)
    {
        FrontendMessageWriter.Query(backend.Output, sql);
        await backend.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
        long rows = 0;
        string? tag = null;
        PgNotice? error = null;
        while (await backend.Messages.ReadAsync(cancellationToken).ConfigureAwait(false) is { } message)
        {
            switch (message.Type)
            {
                case BackendMessageType.CommandComplete:
                    tag = CommandCompleteMessage.Parse(message.Body).Tag;
                    rows += CommandTags.RowCount(tag) ?? 0;
                    break;

                case BackendMessageType.ErrorResponse:
                    error ??= PgNotice.Parse(message.Body);
                    break;

                case BackendMessageType.ReadyForQuery:
                    return (new Outcome(rows, error?.SqlState, error?.Message), tag);
            }
        }

        throw new PgProtocolException(PgSqlState.ConnectionFailure, "the target closed the connection while running the statement");
    }
}

using System.Diagnostics;
using Hoop.Api.V1Alpha1;
using Hoop.Gateway.Postgres.Protocol;
using Hoop.Recording.Records;

namespace Hoop.Gateway.Postgres.Sessions;

internal sealed partial class PostgresSession
{
    /// <summary>Both pumps until either side ends; returns why the session ended.</summary>
    private async Task<string> RelayAsync(CancellationToken cancellationToken)
    {
        using var relay = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var server = Task.Run(() => PumpServerAsync(relay.Token), CancellationToken.None);
        var client = PumpClientAsync(relay.Token);
        var first = await Task.WhenAny(client, server).ConfigureAwait(false);
        await relay.CancelAsync().ConfigureAwait(false);
        var other = first == client ? (Task)server : client;
        try
        {
            await other.ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException or PgProtocolException or InvalidOperationException)
        {
            // The other side ends with the session.
        }

        if (first == client)
        {
            return await client.ConfigureAwait(false);
        }

        try
        {
            await server.ConfigureAwait(false);
            await TryFatalAsync(PgSqlState.ConnectionFailure, "the target closed the connection").ConfigureAwait(false);
            return "target closed the connection";
        }
        catch (PgProtocolException e)
        {
            await TryFatalAsync(PgSqlState.ConnectionFailure, "the target sent a malformed message: " + e.Message).ConfigureAwait(false);
            return "target protocol error";
        }
    }

    private async Task<string> PumpClientAsync(CancellationToken cancellationToken)
    {
        var reader = new PgMessageReader(_clientInput, MaxClientMessage);
        using var batch = new ClientBatch();
        var discardUntilSync = false;
        while (true)
        {
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false) is not { } message)
            {
                return "client disconnected";
            }

            if (discardUntilSync)
            {
                // After a refusal inside an extended-protocol exchange, like the server: skip to Sync, then ReadyForQuery.
                if (message.Type == FrontendMessageType.Sync)
                {
                    discardUntilSync = false;
                    await _syncs.WaitIdleAsync(cancellationToken).ConfigureAwait(false);
                    await WriteClientAsync(w => BackendMessageWriter.ReadyForQuery(w, _transaction), cancellationToken).ConfigureAwait(false);
                }

                continue;
            }

            switch (message.Type)
            {
                case FrontendMessageType.Query:
                    var sql = QueryMessage.Parse(message.Body).Sql;
                    batch.Add(message);
                    batch.Executes(new ExecutedSql(sql, null));
                    batch.Ends(withSync: true);
                    reader.Release();
                    discardUntilSync = await DispatchAsync(batch, cancellationToken).ConfigureAwait(false);
                    break;

                case FrontendMessageType.Parse:
                    var parse = ParseMessage.Parse(message.Body);
                    _prepared.Parsed(parse.StatementName, parse.Sql);
                    _descriptions.TryRemove(parse.StatementName, out _);
                    batch.Add(message);
                    break;

                case FrontendMessageType.Bind:
                    var bind = BindMessage.Parse(message.Body);
                    _prepared.Bound(bind.Portal, bind.Statement);
                    batch.Binds(bind.ResultFormats);
                    batch.Add(message);
                    break;

                case FrontendMessageType.Execute:
                    var execute = ExecuteMessage.Parse(message.Body);
                    batch.ExecutesStatement(_prepared.StatementOf(execute.Portal));
                    if (_prepared.SqlOf(execute.Portal) is { } portalSql)
                    {
                        batch.Executes(new ExecutedSql(portalSql, null));
                    }
                    else
                    {
                        batch.Refuse($"portal \"{execute.Portal}\" was not bound to a statement the gateway saw prepared");
                    }

                    batch.Add(message);
                    break;

                case FrontendMessageType.Close:
                    var close = CloseMessage.Parse(message.Body);
                    _prepared.Closed(close.Kind, close.Name);
                    if (close.Kind == PgObjectKind.Statement)
                    {
                        _descriptions.TryRemove(close.Name, out _);
                    }

                    batch.Add(message);
                    break;

                case FrontendMessageType.Describe:
                    var describe = DescribeMessage.Parse(message.Body);
                    batch.Describes(describe.Kind == PgObjectKind.Portal, describe.Kind == PgObjectKind.Portal ? _prepared.StatementOf(describe.Name) : describe.Name);

                    batch.Add(message);
                    break;

                case FrontendMessageType.FunctionCall:
                    FunctionCallMessage.Parse(message.Body);
                    batch.Add(message);
                    batch.Refuse("the fast-path function call protocol runs functions the gateway cannot judge; call the function in a SELECT instead");
                    batch.Ends(withSync: true);
                    reader.Release();
                    discardUntilSync = await DispatchAsync(batch, cancellationToken).ConfigureAwait(false);
                    break;

                case FrontendMessageType.Sync or FrontendMessageType.Flush:
                    batch.Add(message);
                    batch.Ends(withSync: message.Type == FrontendMessageType.Sync);
                    reader.Release();
                    discardUntilSync = await DispatchAsync(batch, cancellationToken).ConfigureAwait(false);
                    break;

                case FrontendMessageType.CopyData or FrontendMessageType.CopyDone or FrontendMessageType.CopyFail:
                    // COPY FROM STDIN's data: the COPY statement itself was judged when it was sent.
                    await ForwardAsync(message, cancellationToken).ConfigureAwait(false);
                    break;

                case FrontendMessageType.Terminate:
                    await ForwardAsync(message, cancellationToken).ConfigureAwait(false);
                    return "client ended the session";

                default:
                    throw new PgProtocolException(PgSqlState.ProtocolViolation, $"unexpected message type '{(char)message.Type}' (0x{message.Type:x2}) from the client");
            }
        }
    }

    private async Task ForwardAsync(PgMessage message, CancellationToken cancellationToken)
    {
        var output = _backend!.Output;
        message.WriteTo(output);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Judges and forwards, refuses or holds a batch; true when the client's next messages up to Sync must be skipped.</summary>
    private async Task<bool> DispatchAsync(ClientBatch batch, CancellationToken cancellationToken)
    {
        try
        {
            if (batch.Executed.Count == 0 && batch.Refusal is null)
            {
                // Parse, Bind, Describe, Close, Sync alone run nothing.
                await ForwardBatchAsync(batch, statementId: null, completed: null, cancellationToken).ConfigureAwait(false);
                return false;
            }

            var snapshot = _services.Connection.Current;
            var statementId = ++_statements;
            var text = string.Join(";\n", batch.Executed.Select(e => e.Text));
            if (snapshot is null)
            {
                return await RefuseAsync(batch, statementId, PgSqlState.CannotConnectNow,
                    $"the gateway cannot judge statements right now: {_services.Connection.Problem}", cancellationToken).ConfigureAwait(false);
            }

            _snapshot = snapshot;
            var judgement = _judge.Judge(batch.Executed, snapshot.Policies);
            var action = batch.Refusal is null ? judgement.Action : PolicyAction.Deny;
            await _recorder!.RecordStatementAsync(
                new StatementRecord(statementId, text, judgement.KindName, judgement.Tables,
                    new PolicyDecision(EnumText<PolicyAction>.Of(action), judgement.Decision.Policy, batch.Refusal is null ? judgement.Decision.RuleOrDefault : null)),
                cancellationToken).ConfigureAwait(false);

            if (judgement.CopiesOut && snapshot.Masking.IsEnabled && action != PolicyAction.Deny)
            {
                return await RefuseAsync(batch, statementId, PgSqlState.InsufficientPrivilege,
                    $"COPY ... TO STDOUT is refused on connection {ConnectionKey}: it masks values, and COPY data cannot be masked; use SELECT instead", cancellationToken).ConfigureAwait(false);
            }

            switch (action)
            {
                case PolicyAction.Allow:
                    foreach (var executed in batch.Executed)
                    {
                        _settings.FromStatement(executed.Text);
                    }

                    await ForwardBatchAsync(batch, statementId, completed: null, cancellationToken).ConfigureAwait(false);
                    return false;

                case PolicyAction.Deny:
                    return await RefuseAsync(batch, statementId, PgSqlState.InsufficientPrivilege,
                        batch.Refusal is { } refusal ? "refused by the gateway: " + refusal : judgement.Decision.Message, cancellationToken).ConfigureAwait(false);

                default:
                    return await HoldAsync(batch, statementId, text, judgement, snapshot, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            batch.Clear();
        }
    }

    private async Task ForwardBatchAsync(ClientBatch batch, int? statementId, Func<SyncTracker, Task>? completed, CancellationToken cancellationToken)
    {
        if (batch.EndsWithSync)
        {
            var (described, executed) = batch.TakeStatements();
            _syncs.Enqueue(new SyncTracker(statementId, Stopwatch.GetTimestamp(), completed, resultFormats: batch.ResultFormats)
            {
                Described = described,
                Executed = executed,
                Inherited = _snapshot is { } snapshot ? _judge.InheritedMasking(batch.Executed, snapshot.Masking) : null,
            });
        }

        await _backend!.Output.WriteAsync(batch.Bytes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Answers a refused batch with ErrorResponse (then ReadyForQuery, or skip-to-Sync inside an extended exchange).</summary>
    private async Task<bool> RefuseAsync(ClientBatch batch, int statementId, string sqlState, string message, CancellationToken cancellationToken)
    {
        await _syncs.WaitIdleAsync(cancellationToken).ConfigureAwait(false);
        if (_recorder is not null)
        {
            await _recorder.RecordErrorAsync(new ErrorRecord(statementId, sqlState, message), cancellationToken).ConfigureAwait(false);
        }

        var endsWithSync = batch.EndsWithSync;
        await WriteClientAsync(w =>
        {
            BackendMessageWriter.ErrorResponse(w, "ERROR", sqlState, message);
            if (endsWithSync)
            {
                BackendMessageWriter.ReadyForQuery(w, _transaction == TransactionStatus.Idle ? TransactionStatus.Idle : TransactionStatus.Failed);
            }
        }, cancellationToken).ConfigureAwait(false);

        // Inside a transaction block the refused statement fails it, as a server error would: roll back the real one too.
        if (_transaction == TransactionStatus.InTransaction)
        {
            await AbortTransactionAsync(cancellationToken).ConfigureAwait(false);
        }

        return !endsWithSync;
    }

    /// <summary>
    /// Fails the server's open transaction the way the refused statement would have, so a later COMMIT cannot commit the
    /// statements before it: a statement that errors, sent by the gateway, answered to no one.
    /// </summary>
    private async Task AbortTransactionAsync(CancellationToken cancellationToken)
    {
        _syncs.Enqueue(new SyncTracker(null, Stopwatch.GetTimestamp(), silent: true));
        FrontendMessageWriter.Query(_backend!.Output, "SELECT 1/0 AS hoop_statement_refused");
        await _backend.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
        await _syncs.WaitIdleAsync(cancellationToken).ConfigureAwait(false);
    }
}

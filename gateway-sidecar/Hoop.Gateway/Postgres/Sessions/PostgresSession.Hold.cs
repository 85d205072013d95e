using System.Buffers;
using System.Buffers.Binary;
using Hoop.Api.V1Alpha1;
using Hoop.Gateway.Approvals;
using Hoop.Gateway.Hosting;
using Hoop.Gateway.Postgres.Protocol;
using Hoop.Recording.Records;
using k8s.Autorest;

namespace Hoop.Gateway.Postgres.Sessions;

internal sealed partial class PostgresSession
{
    /// <summary>
    /// Holds a batch for approval: creates the AccessRequest, tells the client with a NOTICE how to approve it, waits for
    /// the decision (a CancelRequest cancels the request), then runs it exactly once — or answers why it will not run.
    /// </summary>
    private async Task<bool> HoldAsync(ClientBatch batch, int statementId, string text, Judgement judgement, ConnectionSnapshot snapshot, CancellationToken cancellationToken)
    {
        await _syncs.WaitIdleAsync(cancellationToken).ConfigureAwait(false);
        if (!batch.EndsWithSync)
        {
            return await RefuseAsync(batch, statementId, PgSqlState.InsufficientPrivilege,
                "a statement that needs approval must be sent with Sync (not Flush); the gateway holds whole exchanges only", cancellationToken).ConfigureAwait(false);
        }

        var held = new HeldStatement(text, snapshot.Connection.Spec.Target.Database, Parameters(batch, snapshot), Id);
        AccessRequest request;
        try
        {
            request = await _services.Requests.CreateAsync(_user!, held, _settings.Reason, _settings.Ticket, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e)
        {
            return await RefuseAsync(batch, statementId, PgSqlState.InsufficientPrivilege,
                $"the statement needs approval, but the gateway could not create an AccessRequest: {ApiMessage(e)}", cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            return await RefuseAsync(batch, statementId, PgSqlState.InsufficientPrivilege,
                "the statement needs approval, but the Kubernetes API server did not answer; try again later", cancellationToken).ConfigureAwait(false);
        }

        var name = request.Metadata.Name;
        var ns = request.Metadata.NamespaceProperty;

        // Cancellable before the client hears of the hold: a Ctrl-C right after the NOTICE must find it.
        using var hold = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Volatile.Write(ref _hold, hold);
        try
        {
            await WriteClientAsync(w => BackendMessageWriter.NoticeResponse(w, "NOTICE", "01000", ApprovalNotice(name, ns, judgement), null,
                $"Waiting for the decision; Ctrl-C cancels the request. {judgement.Decision.Policy}/{judgement.Decision.RuleOrDefault} decided it."), cancellationToken).ConfigureAwait(false);
            await _recorder!.RecordApprovalAsync(new ApprovalRecord(statementId, $"{ns}/{name}", nameof(AccessRequestPhase.Pending), []), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Volatile.Write(ref _hold, null);
            throw;
        }

        var clientGone = WatchClientAsync(hold);
        ApprovalWaitResult decided;
        try
        {
            decided = await _services.Requests.WaitForDecisionAsync(name, hold.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Ctrl-C, or the client left: either way nobody should approve it now, and it must not run without them. The
            // client hears at once (a driver waits only briefly for its cancel); the request is withdrawn meanwhile.
            _withdrawals.Add(TryCancelRequestAsync(name));
            await _recorder.RecordApprovalAsync(new ApprovalRecord(statementId, $"{ns}/{name}", nameof(AccessRequestPhase.Cancelled), []), cancellationToken).ConfigureAwait(false);
            if (await StopWatchingAsync(clientGone).ConfigureAwait(false))
            {
                return false;
            }

            return await RefuseAsync(batch, statementId, PgSqlState.QueryCanceled,
                $"canceling statement due to user request: AccessRequest {name} is withdrawn and does not run", cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The session ends while waiting (client gone, gateway stopping): the request must not run without its client.
            _withdrawals.Add(TryCancelRequestAsync(name));
            throw;
        }
        finally
        {
            Volatile.Write(ref _hold, null);
            await StopWatchingAsync(clientGone).ConfigureAwait(false);
        }

        var reviews = decided.Request.Status?.Reviews ?? [];
        await _recorder.RecordApprovalAsync(new ApprovalRecord(statementId, $"{ns}/{name}", decided.Phase.ToString(),
            [.. reviews.Select(r => new ApprovalReview(r.Reviewer, r.Decision.ToString(), r.Comment, r.Time ?? default))]), cancellationToken).ConfigureAwait(false);

        if (decided.Phase != AccessRequestPhase.Approved)
        {
            return await RefuseAsync(batch, statementId, decided.Phase == AccessRequestPhase.Cancelled ? PgSqlState.QueryCanceled : PgSqlState.InsufficientPrivilege,
                NotRunMessage(name, decided), cancellationToken).ConfigureAwait(false);
        }

        // Exactly once, and exactly what was asked: the request must pin this very statement, and this replica must win the claim.
        if (decided.Request.Spec.Operation.Sha256 != held.Sha256 || decided.Request.Spec.Operation.Sql?.Statement != held.Text)
        {
            return await RefuseAsync(batch, statementId, PgSqlState.InsufficientPrivilege,
                $"AccessRequest {name} does not pin this statement; it does not run under that approval", cancellationToken).ConfigureAwait(false);
        }

        if (!await _services.Requests.ClaimAsync(name, cancellationToken).ConfigureAwait(false))
        {
            return await RefuseAsync(batch, statementId, PgSqlState.InsufficientPrivilege,
                $"AccessRequest {name} was approved but is no longer Approved (it ran or was claimed elsewhere); it does not run again", cancellationToken).ConfigureAwait(false);
        }

        var approvers = string.Join(", ", reviews.Where(r => r.Decision == ReviewDecision.Approve).Select(r => r.Reviewer));
        await WriteClientAsync(w => BackendMessageWriter.NoticeResponse(w, "NOTICE", "01000", $"approved by {approvers}: running AccessRequest {name}"), cancellationToken).ConfigureAwait(false);
        await ForwardBatchAsync(batch, statementId, answered => CompleteAsync(name, answered), cancellationToken).ConfigureAwait(false);
        return false;
    }

    /// <summary>
    /// While a statement is held the client should be silent; if its connection closes (or it sends Terminate) the hold is
    /// cancelled. Nothing is consumed: what the client sent stays for the session to read after the hold. True when the
    /// client went away.
    /// </summary>
    private async Task<bool> WatchClientAsync(CancellationTokenSource hold)
    {
        while (true)
        {
            var result = await _clientInput.ReadAsync(CancellationToken.None).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (result.IsCanceled)
            {
                _clientInput.AdvanceTo(buffer.Start);
                return false;
            }

            if (result.IsCompleted || (buffer.Length > 0 && buffer.FirstSpan[0] == FrontendMessageType.Terminate))
            {
                _clientInput.AdvanceTo(buffer.Start, buffer.End);
                await hold.CancelAsync().ConfigureAwait(false);
                return true;
            }

            _clientInput.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private async Task<bool> StopWatchingAsync(Task<bool> watching)
    {
        if (!watching.IsCompleted)
        {
            _clientInput.CancelPendingRead();
        }

        try
        {
            return await watching.ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            return true;
        }
    }

    /// <summary>Cancels the request if it can; the API server being away must not take the session down with it.</summary>
    private async Task<bool> TryCancelRequestAsync(string name)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            return await _services.Requests.CancelAsync(name, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpOperationException or HttpRequestException or OperationCanceledException)
        {
            _logger.RequestNotCancelled(Id, name, e.Message);
            return false;
        }
    }

    private Task CompleteAsync(string name, SyncTracker answered) =>
        _services.Requests.CompleteAsync(name, new ExecutionOutcome(
            answered.Error is null,
            answered.RowsAffected ?? answered.RowsReturned,
            answered.Error is var (sqlState, message) ? $"{sqlState}: {_snapshot!.Masking.MaskText(message)}" : null,
            Id,
            Path.GetFileName(_recorder!.FilePath).Replace(".open", "", StringComparison.Ordinal)), CancellationToken.None);

    private static string ApprovalNotice(string name, string ns, Judgement judgement)
    {
        var need = judgement.Decision.Approvals is { } approvals
            ? approvals.Required == 1 ? "1 approval needed" : $"{approvals.Required} approvals needed"
            : "approval needed";
        if (judgement.Decision.Approvals is { FromGroups.Count: > 0 } from)
        {
            need += $", from {string.Join(" and ", from.FromGroups)}";
        }

        return $"approval required: kubectl hoop approve {name} -n {ns} ({need})";
    }

    private static string NotRunMessage(string name, ApprovalWaitResult decided)
    {
        var deny = decided.Request.Status?.Reviews?.FirstOrDefault(r => r.Decision == ReviewDecision.Deny);
        return decided.Phase switch
        {
            AccessRequestPhase.Denied when deny is not null =>
                $"AccessRequest {name} was denied by {deny.Reviewer}{(string.IsNullOrEmpty(deny.Comment) ? "" : ": " + deny.Comment)}",
            AccessRequestPhase.Denied => $"AccessRequest {name} was denied: {DeniedWhy(decided.Request)}",
            AccessRequestPhase.Expired => $"AccessRequest {name} expired before it was approved",
            AccessRequestPhase.Cancelled => $"AccessRequest {name} was cancelled",
            _ => $"AccessRequest {name} is {decided.Phase}; it does not run here",
        };
    }

    private static string DeniedWhy(AccessRequest request) =>
        request.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready")?.Message ?? "see kubectl hoop describe";

    private static string ApiMessage(HttpOperationException e) =>
        e.Response?.Content is { Length: > 0 } content && System.Text.Json.Nodes.JsonNode.Parse(content)?["message"]?.GetValue<string>() is { } message
            ? message
            : $"HTTP {(int?)e.Response?.StatusCode}";

    /// <summary>The bound parameters of the batch's Bind messages, summarized and masked: what a reviewer sees of them.</summary>
    private static List<string>? Parameters(ClientBatch batch, ConnectionSnapshot snapshot)
    {
        List<string>? summary = null;
        var bytes = batch.Bytes;
        var offset = 0;
        while (offset + PgMessage.HeaderLength <= bytes.Length)
        {
            var span = bytes.Span;
            var type = span[offset];
            var length = BinaryPrimitives.ReadInt32BigEndian(span[(offset + 1)..]);
            if (type == FrontendMessageType.Bind)
            {
                var bind = BindMessage.Parse(new ReadOnlySequence<byte>(bytes.Slice(offset + PgMessage.HeaderLength, length - 4)));
                var i = 0;
                foreach (var value in bind.Parameters)
                {
                    summary ??= [];
                    if (summary.Count >= 64)
                    {
                        break;
                    }

                    var binary = bind.ParameterFormats.Length switch
                    {
                        0 => false,
                        1 => bind.ParameterFormats[0] == 1,
                        _ => i < bind.ParameterFormats.Length && bind.ParameterFormats[i] == 1,
                    };
                    summary.Add(value.IsNull ? "NULL" : binary ? $"<binary, {value.WireLength} bytes>" : Truncate(snapshot.Masking.MaskText(value.AsText()!)));
                    i++;
                }
            }

            offset += 1 + length;
        }

        return summary;
    }

    private static string Truncate(string text) => text.Length <= 256 ? text : text[..256] + "…";
}

using System.Collections.Concurrent;
using System.Threading.Channels;
using Hoop.Api.V1Alpha1;
using Hoop.Gateway.Hosting;
using Hoop.Gateway.Postgres.Backend;
using Hoop.Gateway.Postgres.Protocol;
using Hoop.Gateway.Postgres.Sessions;
using Hoop.Gateway.Sessions;
using Hoop.Policy.Sql;
using Hoop.Recording.Chain;
using Hoop.Recording.Records;
using Hoop.Recording.Writing;
using Microsoft.Extensions.Logging;

namespace Hoop.Gateway.Approvals;

/// <summary>
/// The GitOps/CI path: AccessRequests created with <c>execution: Gateway</c> (a migration a pipeline applied) are run by
/// the gateway once approved — claimed first (Approved → Executing, so one replica runs each), then the exact statement in
/// one transaction on the target, recorded like a session, with the outcome written back into the request's status.
/// </summary>
internal sealed class GatewayExecutor(AccessRequestBroker requests, ConnectionFollower connection, GatewayOptions options, TimeProvider time, ILogger logger)
{
    private readonly Channel<string> _approved = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, bool> _offered = new(StringComparer.Ordinal);

    /// <summary>Hands an approved request to the executor; each is taken once per replica.</summary>
    public void Offer(AccessRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_offered.TryAdd(request.Metadata.Name, true))
        {
            _approved.Writer.TryWrite(request.Metadata.Name);
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var name in _approved.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await RunOneAsync(name, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task RunOneAsync(string name, CancellationToken cancellationToken)
    {
        if (requests.Get(name) is not { Status.Phase: AccessRequestPhase.Approved, Spec.Execution: ExecutionMode.Gateway } request)
        {
            return;
        }

        if (connection.Current is not { } snapshot)
        {
            // Not claimed: another replica that can serve runs it, or this one once it can (the next watch event offers it again).
            _offered.TryRemove(name, out _);
            logger.ExecutionDeferred(name, connection.Problem);
            return;
        }

        try
        {
            if (!await requests.ClaimAsync(name, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            var outcome = await ExecuteAsync(request, snapshot, cancellationToken).ConfigureAwait(false);
            await requests.CompleteAsync(name, outcome, CancellationToken.None).ConfigureAwait(false);
            logger.Executed(name, outcome.Succeeded, outcome.RowsAffected);
        }
        catch (Exception e) when (e is k8s.Autorest.HttpOperationException or HttpRequestException)
        {
            logger.ExecutionFailed(e, name);
        }
    }

    private async Task<ExecutionOutcome> ExecuteAsync(AccessRequest request, ConnectionSnapshot snapshot, CancellationToken cancellationToken)
    {
        var session = SessionIds.New("ar", time);
        var sql = request.Spec.Operation.Sql;
        if (sql is null)
        {
            return new ExecutionOutcome(false, null, "only SQL operations run on a postgres Connection", session, null);
        }

        if (request.Spec.Operation.Sha256 is { } pinned && pinned != HeldStatement.Hash(sql.Statement))
        {
            return new ExecutionOutcome(false, null, "spec.operation.sha256 does not match the statement; it does not run", session, null);
        }

        var database = sql.Database ?? snapshot.Connection.Spec.Target.Database ?? "postgres";
        var requester = request.Spec.Requester;
        await using var recorder = await SessionRecorder.StartAsync(
            new SessionRecorderOptions(options.Recordings.FullName, new ReplayLogKey(snapshot.RecordingKey.KeyId, snapshot.RecordingKey.Key)),
            new SessionStartRecord(session, options.ConnectionKey, "postgres", requester?.Username ?? "unknown", requester?.Groups?.ToList() ?? [],
                "accessrequest", $"accessrequest {request.Metadata.NamespaceProperty}/{request.Metadata.Name}", database, "hoop-gateway"),
            snapshot.Masking.MaskText, time, cancellationToken).ConfigureAwait(false);
        var file = Path.GetFileName(ReplayLogFiles.ClosedPath(options.Recordings.FullName, session));
        var classified = StatementClassifier.Classify(sql.Statement, SqlDialectSettings.PostgreSql);
        await recorder.RecordStatementAsync(new StatementRecord(1, sql.Statement, EnumText<StatementKind>.LowerOf(classified.Kind),
            StatementJudge.Tables(classified.Statements),
            new Recording.Records.PolicyDecision("RequireApproval", request.Status?.Policy, request.Status?.Rule)), cancellationToken).ConfigureAwait(false);
        await recorder.RecordApprovalAsync(new ApprovalRecord(1, $"{request.Metadata.NamespaceProperty}/{request.Metadata.Name}", nameof(AccessRequestPhase.Approved),
            [.. (request.Status?.Reviews ?? []).Select(r => new ApprovalReview(r.Reviewer, r.Decision.ToString(), r.Comment, r.Time ?? default))]), cancellationToken).ConfigureAwait(false);

        var started = time.GetTimestamp();
        try
        {
            await using var backend = await PostgresBackendConnector.ConnectAsync(new BackendLoginRequest(snapshot.TargetEndpoint,
                snapshot.Credential.Username, snapshot.Credential.Password, database,
                new Dictionary<string, string> { ["application_name"] = $"hoop-gateway {request.Metadata.Name}" }), cancellationToken).ConfigureAwait(false);
            var result = await BackendScript.RunInTransactionAsync(backend, sql.Statement, cancellationToken).ConfigureAwait(false);
            if (result.Error is { } error)
            {
                await recorder.RecordErrorAsync(new ErrorRecord(1, result.SqlState, error), cancellationToken).ConfigureAwait(false);
            }

            await recorder.RecordResultAsync(new ResultRecord(1, null, null, result.RowsAffected, time.GetElapsedTime(started)), cancellationToken).ConfigureAwait(false);
            await recorder.EndAsync("executed", cancellationToken).ConfigureAwait(false);
            return result.Error is { } failed
                ? new ExecutionOutcome(false, result.RowsAffected, $"{result.SqlState}: {snapshot.Masking.MaskText(failed)}", session, file)
                : new ExecutionOutcome(true, result.RowsAffected, null, session, file);
        }
        catch (Exception e) when (e is BackendLoginException or IOException or System.Net.Sockets.SocketException or PgProtocolException)
        {
            await recorder.RecordErrorAsync(new ErrorRecord(1, null, "the gateway could not run it on the target: " + e.Message), cancellationToken).ConfigureAwait(false);
            await recorder.EndAsync("target unavailable", cancellationToken).ConfigureAwait(false);
            return new ExecutionOutcome(false, null, "the gateway could not run it on the target: " + snapshot.Masking.MaskText(e.Message), session, file);
        }
    }
}

using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Hoop.Api;
using Hoop.Api.V1Alpha1;
using Hoop.Gateway.Authentication;
using Hoop.Gateway.Hosting;
using Hoop.Kube.Informers;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Hoop.Gateway.Approvals;

/// <summary>
/// The gateway's side of an AccessRequest's life. It creates requests for statements it holds (as its ServiceAccount,
/// for the end user it authenticated), follows every request of its Connection through one watch, wakes the session
/// waiting on a request when the operator decides it, and moves approved requests through Executing to their result
/// with JSON patches that <c>test</c> the phase first — so of two replicas (or a replica and a retry) exactly one runs
/// an approved operation.
/// </summary>
internal sealed class AccessRequestBroker
{
    private readonly IKubernetes _client;
    private readonly GatewayOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ResourceInformer<AccessRequest> _requests;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<AccessRequest>> _waiters = new(StringComparer.Ordinal);

    public AccessRequestBroker(IKubernetes client, GatewayOptions options, TimeProvider time, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _client = client;
        _options = options;
        _time = time;
        _logger = loggerFactory.CreateLogger<AccessRequestBroker>();
        _requests = new ResourceInformer<AccessRequest>(
            client, ResourceDescriptor.For(ResourceKind.AccessRequest, options.Namespace), time, loggerFactory.CreateLogger<ResourceInformer<AccessRequest>>());
        _requests.AddEventHandler(new ResourceEventHandler<AccessRequest>(Observe, (_, now) => Observe(now)));
    }

    /// <summary>Raised for every request of this Connection that is Approved with execution Gateway (the GitOps/CI path).</summary>
    public event Action<AccessRequest>? ApprovedForGateway;

    public bool HasSynced => _requests.HasSynced;

    public Task RunAsync(CancellationToken cancellationToken) => _requests.RunAsync(cancellationToken);

    public Task WaitForSyncAsync(CancellationToken cancellationToken) => _requests.WaitForSyncAsync(cancellationToken);

    /// <summary>The requests of this Connection as last seen.</summary>
    public IEnumerable<AccessRequest> Known =>
        _requests.List(_options.Namespace).Where(r => r.Spec.ConnectionRef.Name == _options.Connection);

    /// <summary>The request as last seen, or null.</summary>
    public AccessRequest? Get(string name) => _requests.Get(new ObjectKey(_options.Namespace, name));

    /// <summary>Creates the AccessRequest for a held statement, on behalf of <paramref name="user"/>; execution Client (the session runs it).</summary>
    public async Task<AccessRequest> CreateAsync(EndUser user, HeldStatement statement, string? reason, string? ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(statement);
        var request = new AccessRequest
        {
            Metadata = new V1ObjectMeta
            {
                GenerateName = "ar-",
                NamespaceProperty = _options.Namespace,
                Labels = new Dictionary<string, string> { [WellKnownLabels.Connection] = _options.Connection },
            },
            Spec = new AccessRequestSpec
            {
                ConnectionRef = new ConnectionReference { Name = _options.Connection },
                Requester = new Requester { Username = user.Name, Uid = user.Uid, Groups = [.. user.Groups] },
                Reason = reason,
                Ticket = ticket,
                Operation = new Operation
                {
                    Sql = new SqlOperation
                    {
                        Statement = statement.Text,
                        Database = statement.Database,
                        Parameters = statement.Parameters is { Count: > 0 } p ? [.. p] : null,
                        SessionId = statement.SessionId,
                    },
                    Sha256 = statement.Sha256,
                },
                Execution = ExecutionMode.Client,
            },
        };
        return await _client.CustomObjects.CreateNamespacedCustomObjectAsync<AccessRequest>(
            request, HoopApiGroup.Group, HoopApiGroup.Version, _options.Namespace, ResourceKind.AccessRequest.Plural,
            cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits until the request leaves Pending (or has no phase yet) and returns where it went.</summary>
    public async Task<ApprovalWaitResult> WaitForDecisionAsync(string name, CancellationToken cancellationToken)
    {
        var waiter = _waiters.GetOrAdd(name, _ => new TaskCompletionSource<AccessRequest>(TaskCreationOptions.RunContinuationsAsynchronously));
        try
        {
            // Registered first, then the cache looked at: a decision that arrived in between is seen either way.
            if (_requests.Get(new ObjectKey(_options.Namespace, name)) is { } seen && Decided(seen))
            {
                waiter.TrySetResult(seen);
            }

            var decided = await waiter.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            return new ApprovalWaitResult(decided.Status!.Phase!.Value, decided);
        }
        finally
        {
            _waiters.TryRemove(new KeyValuePair<string, TaskCompletionSource<AccessRequest>>(name, waiter));
        }
    }

    /// <summary>
    /// Pending → Cancelled (the client gave up). A request the operator has not evaluated yet has no phase to test, so
    /// the gateway waits for it (briefly) rather than leave it open for reviewers. False when it had left Pending.
    /// </summary>
    public async Task<bool> CancelAsync(string name, CancellationToken cancellationToken)
    {
        var deadline = _time.GetUtcNow() + TimeSpan.FromSeconds(30);
        while (true)
        {
            if (await TryPatchAsync(name, AccessRequestPhase.Pending, [Replace("/status/phase", "Cancelled")], cancellationToken).ConfigureAwait(false))
            {
                return true;
            }

            var current = await _client.CustomObjects.GetNamespacedCustomObjectAsync<AccessRequest>(
                HoopApiGroup.Group, HoopApiGroup.Version, _options.Namespace, ResourceKind.AccessRequest.Plural, name,
                cancellationToken: cancellationToken).ConfigureAwait(false);
            if (current.Status?.Phase is { } phase && phase != AccessRequestPhase.Pending)
            {
                return phase == AccessRequestPhase.Cancelled; // decided, expired or cancelled meanwhile
            }

            if (_time.GetUtcNow() > deadline)
            {
                return false;
            }

            // Not evaluated yet, or evaluated (Pending) between the patch and the read: try again.
            if (current.Status?.Phase is null)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Approved → Executing, claiming the run for this replica. False when another replica (or an earlier attempt)
    /// claimed it first, or the request is not Approved: then it must not run.
    /// </summary>
    public Task<bool> ClaimAsync(string name, CancellationToken cancellationToken) =>
        TryPatchAsync(name, AccessRequestPhase.Approved,
        [
            Replace("/status/phase", "Executing"),
            new JsonObject
            {
                ["op"] = "add",
                ["path"] = "/status/execution",
                ["value"] = new JsonObject { ["executedBy"] = _options.Replica, ["startedAt"] = Timestamp() },
            },
        ], cancellationToken);

    /// <summary>Executing → Succeeded or Failed, with the result and the recording that holds the run.</summary>
    public async Task CompleteAsync(string name, ExecutionOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var execution = new JsonObject { ["executedBy"] = _options.Replica, ["finishedAt"] = Timestamp() };
        if (_requests.Get(new ObjectKey(_options.Namespace, name))?.Status?.Execution?.StartedAt is { } started)
        {
            execution["startedAt"] = started.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        }

        if (outcome.RowsAffected is { } rows)
        {
            execution["rowsAffected"] = rows;
        }

        if (outcome.Error is { } error)
        {
            execution["error"] = error;
        }

        execution["recording"] = outcome.RecordingFile is null
            ? new JsonObject { ["session"] = outcome.Session }
            : new JsonObject { ["session"] = outcome.Session, ["file"] = outcome.RecordingFile };
        var done = await TryPatchAsync(name, AccessRequestPhase.Executing,
        [
            Replace("/status/phase", outcome.Succeeded ? "Succeeded" : "Failed"),
            Replace("/status/execution", execution),
        ], cancellationToken).ConfigureAwait(false);
        if (!done)
        {
            _logger.ResultNotRecorded(_options.Namespace, name);
        }
    }

    private async Task<bool> TryPatchAsync(string name, AccessRequestPhase expected, JsonObject[] operations, CancellationToken cancellationToken)
    {
        var patch = new JsonArray(
        [
            new JsonObject { ["op"] = "test", ["path"] = "/status/phase", ["value"] = expected.ToString() },
            .. operations,
        ]);
        try
        {
            await _client.CustomObjects.PatchNamespacedCustomObjectStatusAsync<AccessRequest>(
                new V1Patch(patch.ToJsonString(), V1Patch.PatchType.JsonPatch), HoopApiGroup.Group, HoopApiGroup.Version,
                _options.Namespace, ResourceKind.AccessRequest.Plural, name, cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.UnprocessableEntity or HttpStatusCode.Conflict)
        {
            // The test failed: the phase is no longer what this replica expected.
            return false;
        }
    }

    private void Observe(AccessRequest request)
    {
        if (request.Spec?.ConnectionRef?.Name != _options.Connection)
        {
            return;
        }

        if (Decided(request) && _waiters.TryGetValue(request.Metadata.Name, out var waiter))
        {
            waiter.TrySetResult(request);
        }

        if (request.Status?.Phase == AccessRequestPhase.Approved && request.Spec.Execution == ExecutionMode.Gateway)
        {
            ApprovedForGateway?.Invoke(request);
        }
    }

    private static bool Decided(AccessRequest request) => request.Status?.Phase is { } phase && phase != AccessRequestPhase.Pending;

    private static JsonObject Replace(string path, JsonNode value) => new() { ["op"] = "replace", ["path"] = path, ["value"] = value };

    private string Timestamp() =>
        _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
}

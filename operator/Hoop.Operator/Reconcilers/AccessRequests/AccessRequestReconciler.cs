using System.Text.Json.Nodes;
using Hoop.Api;
using Hoop.Api.V1Alpha1;
using Hoop.Kube.Informers;
using Hoop.Operator.Controllers;
using Hoop.Operator.Events;
using k8s;
using Microsoft.Extensions.Logging;

namespace Hoop.Operator.Reconcilers.AccessRequests;

/// <summary>
/// Decides AccessRequests. Reads only caches; writes only when the decided status differs from the stored one, so a
/// restart re-reads thousands of converged requests without a single API call. The status patch carries the
/// resourceVersion the decision was made from: a review appended meanwhile makes it fail (409) and the request is
/// decided again from the fresh object, never from stale reviews. It never writes reviews, and never touches a
/// request once decided.
/// </summary>
internal sealed partial class AccessRequestReconciler(
    IObjectCache<AccessRequest> requests,
    IObjectCache<Connection> connections,
    IObjectCache<ApprovalPolicy> policies,
    IKubernetes client,
    EventRecorder events,
    AccessRequestMetrics metrics,
    TimeProvider time,
    ILogger<AccessRequestReconciler> logger) : IReconciler
{
    private readonly PolicySetCache _policySets = new();

    public string Kind => ResourceKind.AccessRequest.Kind;

    /// <summary>What a Connection event must requeue: the undecided requests on it.</summary>
    public static IEnumerable<ObjectKey> KeysFor(Connection connection, IObjectCache<AccessRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(requests);
        return requests.List(connection.Metadata.NamespaceProperty)
            .Where(r => IsUndecided(r) && r.Spec.ConnectionRef.Name == connection.Metadata.Name)
            .Select(r => ObjectKey.Of(r.Metadata));
    }

    /// <summary>What an ApprovalPolicy event must requeue: the undecided requests of its namespace (its selector may match any Connection).</summary>
    public static IEnumerable<ObjectKey> KeysFor(ApprovalPolicy policy, IObjectCache<AccessRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(requests);
        return requests.List(policy.Metadata.NamespaceProperty).Where(IsUndecided).Select(r => ObjectKey.Of(r.Metadata));
    }

    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        if (!CacheSync.AllSynced(requests.HasSynced, connections.HasSynced, policies.HasSynced))
        {
            return CacheSync.NotYet;
        }

        var request = requests.Get(key);
        if (request is null)
        {
            metrics.ObservePhase(key, null, exists: false);
            return ReconcileResult.Done;
        }

        metrics.ObserveReviews(key, request.Status?.Reviews);
        if (request.Metadata.DeletionTimestamp is not null)
        {
            return ReconcileResult.Done;
        }

        var now = time.GetUtcNow();
        var connection = connections.Get(new ObjectKey(key.Namespace, request.Spec.ConnectionRef.Name));
        var governing = connection is null ? null : _policySets.For(connection, policies.List(key.Namespace));
        var decision = AccessRequestDecider.Decide(request, connection, governing, now);
        if (decision is null)
        {
            metrics.ObservePhase(key, request.Status?.Phase, exists: true);
            return ReconcileResult.Done;
        }

        var desired = ToStatus(decision);
        if (decision.Phase == AccessRequestPhase.Pending && request.Status?.Reviews is not { Count: > 0 })
        {
            // Reviewers append with a JSON patch (add /status/reviews/-), which needs the list to exist. Writing it empty
            // loses nothing: there is no list to overwrite, and the resourceVersion precondition refuses a stale write.
            desired["reviews"] = new JsonArray();
        }

        if (!JsonNode.DeepEquals(desired, Stored(request.Status, desired.ContainsKey("reviews"))))
        {
            try
            {
                await StatusWriter.PatchAsync(client, ResourceKind.AccessRequest, key, desired, request.Metadata.ResourceVersion, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (StatusWriter.IsConflict(e))
            {
                LogConflict(logger, key);
                throw;
            }

            var before = request.Status?.Phase;
            if (before != decision.Phase)
            {
                LogTransition(logger, key, before, decision.Phase, decision.Reason);
                if (decision.IsDecided && request.Metadata.CreationTimestamp is { } created)
                {
                    metrics.ObserveDecision(now - new DateTimeOffset(DateTime.SpecifyKind(created.ToUniversalTime(), DateTimeKind.Utc)));
                }

                var warning = decision.BreakGlass || decision.Phase is AccessRequestPhase.Denied or AccessRequestPhase.Expired;
                await events.RecordAsync(request, warning ? EventRecorder.Warning : EventRecorder.Normal, decision.Reason, decision.Message, cancellationToken).ConfigureAwait(false);
            }
        }

        metrics.ObservePhase(key, decision.Phase, exists: true);
        return new ReconcileResult(decision.RequeueAfter);
    }

    private static bool IsUndecided(AccessRequest request) => request.Status?.Phase is null or AccessRequestPhase.Pending;

    /// <summary>The fields the operator owns; execution is never part of the patch, reviews only as the first, empty list.</summary>
    private static JsonObject ToStatus(AccessRequestDecision decision) => new()
    {
        ["observedGeneration"] = decision.ObservedGeneration,
        ["phase"] = StatusWriter.ToNode(decision.Phase),
        ["policy"] = decision.Policy,
        ["rule"] = decision.Rule,
        ["requiredApprovals"] = decision.RequiredApprovals,
        ["approvals"] = decision.Approvals,
        ["expiresAt"] = StatusWriter.Time(decision.ExpiresAt),
        ["conditions"] = StatusWriter.ToNode(decision.Conditions),
    };

    private static JsonObject Stored(AccessRequestStatus? status, bool withReviews)
    {
        var stored = StoredOwnedFields(status);
        if (withReviews && status?.Reviews is { Count: 0 })
        {
            stored["reviews"] = new JsonArray();
        }

        return stored;
    }

    private static JsonObject StoredOwnedFields(AccessRequestStatus? status) => new()
    {
        ["observedGeneration"] = status?.ObservedGeneration,
        ["phase"] = StatusWriter.ToNode(status?.Phase),
        ["policy"] = status?.Policy,
        ["rule"] = status?.Rule,
        ["requiredApprovals"] = status?.RequiredApprovals,
        ["approvals"] = status?.Approvals,
        ["expiresAt"] = StatusWriter.Time(status?.ExpiresAt),
        ["conditions"] = StatusWriter.ToNode(status?.Conditions),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "AccessRequest {Key}: {Before} → {After} ({Reason})")]
    private static partial void LogTransition(ILogger logger, ObjectKey key, AccessRequestPhase? before, AccessRequestPhase after, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "AccessRequest {Key} changed while it was being decided; it will be decided again from the new version")]
    private static partial void LogConflict(ILogger logger, ObjectKey key);
}

using System.Text.Json.Nodes;
using Hoop.Api;
using Hoop.Api.V1Alpha1;
using Hoop.Kube.Informers;
using Hoop.Operator.Controllers;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Hoop.Operator.Reconcilers.Connections;

/// <summary>
/// Runs a Connection's gateway: checks its Secrets and target, converges the gateway objects, and reports readiness
/// from the gateways' liveness Leases (so a gateway outside the cluster counts as soon as it renews one).
/// </summary>
internal sealed partial class ConnectionReconciler(
    IObjectCache<Connection> connections,
    IObjectCache<V1Lease> leases,
    IKubernetes client,
    GatewayDefaults defaults,
    TimeProvider time,
    ILogger<ConnectionReconciler> logger) : IReconciler
{
    /// <summary>How soon a Connection whose Secret is missing or incomplete is looked at again; Secrets are not watched.</summary>
    internal static readonly TimeSpan SecretRetry = TimeSpan.FromSeconds(30);

    private readonly GatewayChildWriter _children = new(client);

    public string Kind => ResourceKind.Connection.Kind;

    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        if (!CacheSync.AllSynced(connections.HasSynced, leases.HasSynced))
        {
            return CacheSync.NotYet;
        }

        var connection = connections.Get(key);
        if (connection is null || connection.Metadata.DeletionTimestamp is not null)
        {
            // Owner references let the garbage collector remove the gateway objects.
            return ReconcileResult.Done;
        }

        var problem = CredentialsCheck.InvalidTarget(connection) is { } target
            ? (ConditionReasons.InvalidTarget, target)
            : await CheckSecretsAsync(connection, cancellationToken).ConfigureAwait(false);

        var writes = await _children.ConvergeAsync(GatewayResources.Build(connection, defaults), cancellationToken).ConfigureAwait(false);
        if (await RecordingKeySecret.EnsureAsync(client, connection, cancellationToken).ConfigureAwait(false))
        {
            writes++;
        }
        if (writes > 0)
        {
            LogChildrenWritten(logger, key, writes);
        }

        var now = time.GetUtcNow();
        var (live, nextExpiry) = LiveGateways(connection, now);
        var generation = connection.Metadata.Generation;
        var conditions = problem is var (reason, message)
            ? new[]
            {
                ConditionList.Make(ConditionTypes.Ready, false, reason, message, generation),
                ConditionList.Make(ConditionTypes.Progressing, false, reason, message, generation),
                ConditionList.Make(ConditionTypes.Degraded, true, reason, message, generation),
            }
            : live > 0
                ? new[]
                {
                    ConditionList.Make(ConditionTypes.Ready, true, ConditionReasons.Available, $"{live} gateway replica(s) serving at {GatewayResources.Endpoint(connection)}.", generation),
                    ConditionList.Make(ConditionTypes.Progressing, false, ConditionReasons.Available, "The gateway is up to date.", generation),
                    ConditionList.Make(ConditionTypes.Degraded, false, ConditionReasons.Available, "Nothing is wrong.", generation),
                }
                : new[]
                {
                    ConditionList.Make(ConditionTypes.Ready, false, ConditionReasons.GatewayUnavailable,
                        "No gateway replica has renewed its liveness Lease yet; clients cannot connect until one does. Check the gateway pods' logs if this lasts.", generation),
                    ConditionList.Make(ConditionTypes.Progressing, true, ConditionReasons.GatewayUnavailable, "Waiting for a gateway replica to start serving.", generation),
                    ConditionList.Make(ConditionTypes.Degraded, false, ConditionReasons.GatewayUnavailable, "Nothing is wrong yet.", generation),
                };

        var status = new JsonObject
        {
            ["observedGeneration"] = generation,
            ["conditions"] = StatusWriter.ToNode(ConditionList.Merge(connection.Status?.Conditions, conditions, now)),
            ["endpoint"] = GatewayResources.Endpoint(connection),
            ["readyReplicas"] = live,
        };
        if (!JsonNode.DeepEquals(status, Stored(connection.Status)))
        {
            await StatusWriter.PatchAsync(client, ResourceKind.Connection, key, status, null, cancellationToken).ConfigureAwait(false);
            LogStatusWritten(logger, key, problem?.Item1 ?? (live > 0 ? ConditionReasons.Available : ConditionReasons.GatewayUnavailable));
        }

        // Ready must drop when a gateway stops renewing; a missing Secret is not watched, so look again for it.
        TimeSpan? requeue = nextExpiry is { } expiry ? expiry - now : null;
        if (problem is not null && (requeue is null || requeue > SecretRetry))
        {
            requeue = SecretRetry;
        }

        return new ReconcileResult(requeue);
    }

    /// <summary>The gateway Leases of the Connection still within their duration, and when the first of them lapses.</summary>
    internal (int Live, DateTimeOffset? NextExpiry) LiveGateways(Connection connection, DateTimeOffset now)
    {
        var live = 0;
        DateTimeOffset? next = null;
        foreach (var lease in leases.List(connection.Metadata.NamespaceProperty))
        {
            if (lease.Metadata.Labels?.TryGetValue(WellKnownLabels.Connection, out var owner) != true || owner != connection.Metadata.Name
                || lease.Spec?.RenewTime is not { } renewed || lease.Spec.LeaseDurationSeconds is not { } seconds)
            {
                continue;
            }

            var expires = new DateTimeOffset(DateTime.SpecifyKind(renewed.ToUniversalTime(), DateTimeKind.Utc)) + TimeSpan.FromSeconds(seconds);
            if (expires > now)
            {
                live++;
                next = next is null || expires < next ? expires : next;
            }
        }

        return (live, next);
    }

    private async Task<(string Reason, string Message)?> CheckSecretsAsync(Connection connection, CancellationToken cancellationToken)
    {
        var ns = connection.Metadata.NamespaceProperty;
        var name = connection.Spec.CredentialsSecretRef.Name;
        var secret = await ReadSecretAsync(name, ns, cancellationToken).ConfigureAwait(false);
        if (secret is null)
        {
            return (ConditionReasons.SecretNotFound,
                $"Secret {name} (spec.credentialsSecretRef) does not exist in namespace {ns}; the gateway cannot log in to the target. Create it with the service credential.");
        }

        if (CredentialsCheck.MissingKeys(connection, secret) is { } missing)
        {
            return (ConditionReasons.MissingCredentials, missing);
        }

        if (connection.Spec.Target.Tls?.CaSecretRef is { } ca)
        {
            var caSecret = ca.Name == name ? secret : await ReadSecretAsync(ca.Name, ns, cancellationToken).ConfigureAwait(false);
            if (caSecret is null)
            {
                return (ConditionReasons.SecretNotFound,
                    $"Secret {ca.Name} (spec.target.tls.caSecretRef) does not exist in namespace {ns}; the gateway cannot verify the target. Create it with the CA bundle under key {ca.Key}.");
            }

            if (caSecret.Data?.ContainsKey(ca.Key) != true && caSecret.StringData?.ContainsKey(ca.Key) != true)
            {
                return (ConditionReasons.MissingCredentials,
                    $"Secret {ca.Name} has no key {ca.Key} (spec.target.tls.caSecretRef); add the CA bundle under that key.");
            }
        }

        return null;
    }

    private async Task<V1Secret?> ReadSecretAsync(string name, string ns, CancellationToken cancellationToken)
    {
        try
        {
            return await client.CoreV1.ReadNamespacedSecretAsync(name, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (StatusWriter.IsNotFound(e))
        {
            return null;
        }
    }

    private static JsonObject Stored(ConnectionStatus? status) => new()
    {
        ["observedGeneration"] = status?.ObservedGeneration,
        ["conditions"] = StatusWriter.ToNode(status?.Conditions),
        ["endpoint"] = status?.Endpoint,
        ["readyReplicas"] = status?.ReadyReplicas,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Connection {Key}: wrote {Count} gateway object(s)")]
    private static partial void LogChildrenWritten(ILogger logger, ObjectKey key, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connection {Key}: status written ({Reason})")]
    private static partial void LogStatusWritten(ILogger logger, ObjectKey key, string reason);
}

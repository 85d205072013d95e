using System.Text.Json.Nodes;
using Hoop.Api;
using Hoop.Api.V1Alpha1;
using Hoop.Kube.Informers;
using Hoop.Operator.Controllers;
using Hoop.Policy.Rules;
using k8s;
using Microsoft.Extensions.Logging;

namespace Hoop.Operator.Reconcilers.Policies;

/// <summary>
/// Validates an ApprovalPolicy's rules and reports which Connections it governs. A broken policy is Degraded with
/// every problem named; the gateways and the AccessRequest reconciler then refuse what it governs.
/// </summary>
internal sealed partial class ApprovalPolicyReconciler(
    IObjectCache<ApprovalPolicy> policies,
    IObjectCache<Connection> connections,
    IKubernetes client,
    TimeProvider time,
    ILogger<ApprovalPolicyReconciler> logger) : IReconciler
{
    private const int ProblemsShown = 3;

    public string Kind => ResourceKind.ApprovalPolicy.Kind;

    /// <summary>
    /// What a Connection event must requeue: every ApprovalPolicy of its namespace, since a label change can make
    /// any selector start or stop matching it.
    /// </summary>
    public static IEnumerable<ObjectKey> KeysFor(Connection connection, IObjectCache<ApprovalPolicy> policies)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(policies);
        return policies.List(connection.Metadata.NamespaceProperty).Select(p => ObjectKey.Of(p.Metadata));
    }

    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        if (!CacheSync.AllSynced(policies.HasSynced, connections.HasSynced))
        {
            return CacheSync.NotYet;
        }

        var policy = policies.Get(key);
        if (policy is null || policy.Metadata.DeletionTimestamp is not null)
        {
            return ReconcileResult.Done;
        }

        var compilation = PolicyCompiler.Compile(policy);
        var matched = connections.List(key.Namespace)
            .Where(c => ConnectionSelection.Governs(policy, c.Metadata.Name, c.Metadata.Labels as IReadOnlyDictionary<string, string>
                ?? c.Metadata.Labels?.ToDictionary() ?? new Dictionary<string, string>()))
            .Select(c => c.Metadata.Name)
            .Order(StringComparer.Ordinal)
            .ToList();

        var generation = policy.Metadata.Generation;
        var conditions = compilation.Succeeded
            ? new[]
            {
                ConditionList.Make(ConditionTypes.Ready, true, ConditionReasons.Valid, $"{policy.Spec.Rules?.Count ?? 0} rule(s) compiled; the policy governs {matched.Count} Connection(s).", generation),
                ConditionList.Make(ConditionTypes.Progressing, false, ConditionReasons.Valid, "The rules are in force.", generation),
                ConditionList.Make(ConditionTypes.Degraded, false, ConditionReasons.Valid, "Nothing is wrong.", generation),
            }
            : new[]
            {
                ConditionList.Make(ConditionTypes.Ready, false, ConditionReasons.InvalidRules, Describe(compilation.Problems), generation),
                ConditionList.Make(ConditionTypes.Progressing, false, ConditionReasons.InvalidRules, "The rules cannot be put in force until they are fixed.", generation),
                ConditionList.Make(ConditionTypes.Degraded, true, ConditionReasons.InvalidRules, Describe(compilation.Problems), generation),
            };

        var status = new JsonObject
        {
            ["observedGeneration"] = generation,
            ["conditions"] = StatusWriter.ToNode(ConditionList.Merge(policy.Status?.Conditions, conditions, time.GetUtcNow())),
            ["ruleCount"] = policy.Spec.Rules?.Count ?? 0,
            ["matchedConnections"] = StatusWriter.ToNode(matched),
            ["matchedConnectionCount"] = matched.Count,
        };
        var stored = new JsonObject
        {
            ["observedGeneration"] = policy.Status?.ObservedGeneration,
            ["conditions"] = StatusWriter.ToNode(policy.Status?.Conditions),
            ["ruleCount"] = policy.Status?.RuleCount,
            ["matchedConnections"] = StatusWriter.ToNode(policy.Status?.MatchedConnections ?? (policy.Status is null ? null : [])),
            ["matchedConnectionCount"] = policy.Status?.MatchedConnectionCount,
        };
        if (!JsonNode.DeepEquals(status, stored))
        {
            await StatusWriter.PatchAsync(client, ResourceKind.ApprovalPolicy, key, status, null, cancellationToken).ConfigureAwait(false);
            LogStatusWritten(logger, key, compilation.Succeeded ? ConditionReasons.Valid : ConditionReasons.InvalidRules, matched.Count);
        }

        return ReconcileResult.Done;
    }

    /// <summary>The first few problems with their fields, and how many more there are.</summary>
    internal static string Describe(IReadOnlyList<PolicyProblem> problems)
    {
        var shown = string.Join("; ", problems.Take(ProblemsShown).Select(p => p.ToString()));
        var more = problems.Count > ProblemsShown ? $"; and {problems.Count - ProblemsShown} more" : "";
        return $"The policy has {problems.Count} problem(s): {shown}{more}. Nothing it governs runs until it is fixed.";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "ApprovalPolicy {Key}: status written ({Reason}, {Matched} connection(s))")]
    private static partial void LogStatusWritten(ILogger logger, ObjectKey key, string reason, int matched);
}

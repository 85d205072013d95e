using Hoop.Api;
using Hoop.Api.V1Alpha1;
using Hoop.Policy.Rules;
using k8s.Models;

namespace Hoop.Operator.Reconcilers.AccessRequests;

/// <summary>
/// Decides an AccessRequest from its operation, its Connection, the policies governing it, its reviews and the time.
/// Pure. A request already decided (anything but Pending) is never decided again: the answer is null.
/// While Pending the policy is live: a changed rule changes what the request needs.
/// </summary>
internal static class AccessRequestDecider
{
    /// <summary>How long a request waits when its rule sets no timeout, or its Connection cannot be found.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromHours(1);

    public static AccessRequestDecision? Decide(AccessRequest request, Connection? connection, IEnumerable<ApprovalPolicy> policies, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(policies);
        var governing = connection is null
            ? null
            : PolicySet.For(connection.Metadata.Name, Labels(connection), policies.Where(p => p.Metadata.NamespaceProperty == request.Metadata.NamespaceProperty));
        return Decide(request, connection, governing, now);
    }

    /// <summary>Decides with the policies already compiled for the Connection (the reconciler caches them).</summary>
    public static AccessRequestDecision? Decide(AccessRequest request, Connection? connection, PolicySet? governing, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Status?.Phase is { } phase && phase != AccessRequestPhase.Pending)
        {
            return null;
        }

        var created = request.Metadata.CreationTimestamp is { } c
            ? DateTime.SpecifyKind(c.ToUniversalTime(), DateTimeKind.Utc)
            : ConditionList.Truncate(now);
        var outcome = connection is null || governing is null
            ? ConnectionMissing(request, created, now)
            : Evaluate(request, connection, governing, created, now);
        return outcome with
        {
            ObservedGeneration = request.Metadata.Generation,
            Conditions = ConditionList.Merge(request.Status?.Conditions, outcome.Conditions, now),
        };
    }

    private static AccessRequestDecision ConnectionMissing(AccessRequest request, DateTime created, DateTimeOffset now)
    {
        var expires = created + DefaultTimeout;
        var name = request.Spec.ConnectionRef.Name;
        if (now >= expires)
        {
            return Final(request, AccessRequestPhase.Expired, ConditionReasons.TimedOut,
                $"Connection {name} did not appear before the request expired at {expires:u}; create a new request once the Connection exists.") with
            { ExpiresAt = expires };
        }

        var message = $"Connection {name} does not exist in namespace {request.Metadata.NamespaceProperty}; the request waits for it until {expires:u}. Check spec.connectionRef.";
        return new AccessRequestDecision
        {
            Phase = AccessRequestPhase.Pending,
            Reason = ConditionReasons.ConnectionNotFound,
            Message = message,
            ExpiresAt = expires,
            RequeueAfter = expires - now,
            Conditions =
            [
                Condition(request, ConditionTypes.Ready, false, ConditionReasons.ConnectionNotFound, message),
                Condition(request, ConditionTypes.Progressing, true, ConditionReasons.ConnectionNotFound, message),
                Condition(request, ConditionTypes.Degraded, true, ConditionReasons.ConnectionNotFound, message),
            ],
        };
    }

    private static AccessRequestDecision Evaluate(AccessRequest request, Connection connection, PolicySet governing, DateTime created, DateTimeOffset now)
    {
        var (facts, problem) = OperationFactsReader.Read(request.Spec.Operation, connection.Spec.Type);
        if (facts is null)
        {
            return Final(request, AccessRequestPhase.Denied, ConditionReasons.InvalidOperation,
                $"Denied: {problem}. Create a new request with an operation this Connection can run.", degraded: true);
        }

        if (governing.Broken.Count > 0)
        {
            var broken = governing.Broken[0];
            return Final(request, AccessRequestPhase.Denied, ConditionReasons.InvalidRules,
                $"Denied: ApprovalPolicy {broken.PolicyName} governs this Connection and is invalid ({broken.Problems[0]}); fix the policy, then ask again.",
                degraded: true) with
            { Policy = broken.PolicyName };
        }

        if (governing.Policies.Count == 0)
        {
            return Final(request, AccessRequestPhase.Denied, ConditionReasons.NoPolicy,
                $"Denied: no ApprovalPolicy governs Connection {connection.Metadata.Name}, and nothing ungoverned runs; ask your platform team to add one.",
                degraded: true);
        }

        var decision = governing.EvaluateBatch(facts);
        var session = request.Spec.Operation.Session is not null;
        if (session && decision.Action == PolicyAction.Allow)
        {
            // A session lifts approval for everything in it, so it is never granted without a human.
            decision = decision with
            {
                Action = PolicyAction.RequireApproval,
                Approvals = new ApprovalNeed(1, []),
                Message = $"a session needs 1 approval even though {decision.Message}",
            };
        }

        var named = new AccessRequestDecision
        {
            Phase = AccessRequestPhase.Pending,
            Reason = "",
            Message = "",
            Conditions = [],
            Policy = decision.Policy,
            Rule = decision.RuleOrDefault,
        };
        switch (decision.Action)
        {
            case PolicyAction.Deny:
                return Merge(named, Final(request, AccessRequestPhase.Denied, ConditionReasons.DeniedByPolicy, $"Denied: {decision.Message}."));
            case PolicyAction.Allow:
                return Merge(named, Final(request, AccessRequestPhase.Approved, ConditionReasons.AllowedByPolicy, $"Approved: {decision.Message}."));
        }

        var need = decision.Approvals ?? new ApprovalNeed(1, []);
        var expires = created + (decision.Timeout ?? DefaultTimeout);
        var waiting = named with { RequiredApprovals = need.Required, ExpiresAt = expires };
        if (decision.RequireReason && string.IsNullOrWhiteSpace(request.Spec.Reason))
        {
            return Merge(waiting, Final(request, AccessRequestPhase.Denied, ConditionReasons.ReasonRequired,
                $"Denied: rule {decision.RuleOrDefault} of ApprovalPolicy {decision.Policy} requires a reason, and spec.reason is empty. Create a new request that says why."))
                with
            { Approvals = $"0/{need.Required}" };
        }

        // Reviews given after the request expired do not count, however late the operator looks.
        var reviews = (request.Status?.Reviews ?? []).Where(r => r.Time is null || r.Time.Value.ToUniversalTime() < expires).ToList();
        var requester = request.Spec.Requester?.Username;
        var (approvers, met) = ApprovalQuorum.Evaluate(reviews, need, requester);
        waiting = waiting with { Approvals = $"{Math.Min(approvers, need.Required)}/{need.Required}" };

        if (reviews.FirstOrDefault(r => r.Decision == ReviewDecision.Deny) is { } denial)
        {
            return Merge(waiting, Final(request, AccessRequestPhase.Denied, ConditionReasons.DeniedByReviewer, $"Denied by {denial.Reviewer}."));
        }

        if (request.Spec.BreakGlass && !string.IsNullOrWhiteSpace(request.Spec.Reason)
            && reviews.FirstOrDefault(r => r.Decision == ReviewDecision.Approve && (r.Groups ?? []).Any(decision.BreakGlassGroups.Contains)) is { } glass)
        {
            var message = $"Approved as an emergency: {glass.Reviewer} broke the glass as a member of {string.Join(", ", (glass.Groups ?? []).Where(decision.BreakGlassGroups.Contains))}.";
            var approved = Merge(waiting, Final(request, AccessRequestPhase.Approved, ConditionReasons.EmergencyAccess, message));
            return approved with
            {
                BreakGlass = true,
                Conditions = [.. approved.Conditions, Condition(request, ConditionTypes.BreakGlass, true, ConditionReasons.EmergencyAccess, message)],
            };
        }

        if (met)
        {
            return Merge(waiting, Final(request, AccessRequestPhase.Approved, ConditionReasons.QuorumReached,
                $"Approved by {approvers} reviewer(s); rule {decision.RuleOrDefault} of ApprovalPolicy {decision.Policy} needed {need}."));
        }

        if (now >= expires)
        {
            return Merge(waiting, Final(request, AccessRequestPhase.Expired, ConditionReasons.TimedOut,
                $"Expired at {expires:u} with {waiting.Approvals} approvals; rule {decision.RuleOrDefault} needed {need}. Create a new request to ask again."));
        }

        var pending = $"Waiting for {need} under rule {decision.RuleOrDefault} of ApprovalPolicy {decision.Policy}; {waiting.Approvals} given; expires at {expires:u}.";
        return waiting with
        {
            Reason = ConditionReasons.AwaitingApproval,
            Message = pending,
            RequeueAfter = expires - now,
            Conditions =
            [
                Condition(request, ConditionTypes.Ready, false, ConditionReasons.AwaitingApproval, pending),
                Condition(request, ConditionTypes.Progressing, true, ConditionReasons.AwaitingApproval, pending),
                Condition(request, ConditionTypes.Degraded, false, ConditionReasons.AwaitingApproval, "Nothing is wrong."),
            ],
        };
    }

    /// <summary>A decided outcome: Ready is True only when approved; nothing progresses any more.</summary>
    private static AccessRequestDecision Final(AccessRequest request, AccessRequestPhase phase, string reason, string message, bool degraded = false) => new()
    {
        Phase = phase,
        Reason = reason,
        Message = message,
        Conditions =
        [
            Condition(request, ConditionTypes.Ready, phase == AccessRequestPhase.Approved, reason, message),
            Condition(request, ConditionTypes.Progressing, false, reason, message),
            Condition(request, ConditionTypes.Degraded, degraded, reason, degraded ? message : "Nothing is wrong."),
        ],
    };

    /// <summary>The policy facts gathered so far, with the outcome's phase, reason and conditions.</summary>
    private static AccessRequestDecision Merge(AccessRequestDecision facts, AccessRequestDecision outcome) => facts with
    {
        Phase = outcome.Phase,
        Reason = outcome.Reason,
        Message = outcome.Message,
        Conditions = outcome.Conditions,
        RequeueAfter = null,
    };

    private static V1Condition Condition(AccessRequest request, string type, bool status, string reason, string message) =>
        ConditionList.Make(type, status, reason, message, request.Metadata.Generation);

    private static Dictionary<string, string> Labels(Connection connection) =>
        connection.Metadata.Labels is { } labels ? new Dictionary<string, string>(labels) : [];
}

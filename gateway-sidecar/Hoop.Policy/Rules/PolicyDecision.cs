using Hoop.Api.V1Alpha1;

namespace Hoop.Policy.Rules;

/// <summary>
/// What happens to one operation, and who said so: the policy and the rule (null when the policy's defaultAction
/// decided, or when no policy could decide at all).
/// </summary>
public sealed record PolicyDecision
{
    public required PolicyAction Action { get; init; }

    /// <summary>The ApprovalPolicy that decided; null when none applies to the connection.</summary>
    public string? Policy { get; init; }

    /// <summary>The rule that matched; null when the policy's defaultAction decided.</summary>
    public string? Rule { get; init; }

    /// <summary>Approvals needed when <see cref="Action"/> is RequireApproval.</summary>
    public ApprovalNeed? Approvals { get; init; }

    /// <summary>How long a held operation waits for approval.</summary>
    public TimeSpan? Timeout { get; init; }

    public bool RequireReason { get; init; }

    /// <summary>Groups whose members may self-approve an emergency request under the deciding policy.</summary>
    public IReadOnlyList<string> BreakGlassGroups { get; init; } = [];

    /// <summary>One sentence a user can act on: what was decided and why.</summary>
    public required string Message { get; init; }

    /// <summary>The rule's name as reviewers see it: the rule, or <c>defaultAction</c>.</summary>
    public string RuleOrDefault => Rule ?? "defaultAction";

    /// <summary>Orders decisions by how much they restrict: Deny, then the larger approval need, then Allow.</summary>
    public static int Restriction(PolicyDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return decision.Action switch
        {
            PolicyAction.Deny => int.MaxValue,
            PolicyAction.RequireApproval => 1 + (decision.Approvals?.Required ?? 1) * 16 + (decision.Approvals?.FromGroups.Count ?? 0),
            _ => 0,
        };
    }

    /// <summary>The more restrictive of two decisions; the first on a tie, so earlier statements name the rule.</summary>
    public static PolicyDecision MostRestrictive(PolicyDecision first, PolicyDecision second) =>
        Restriction(second) > Restriction(first) ? second : first;
}

/// <summary>How many distinct reviewers must approve, and which groups must each contribute one.</summary>
public sealed record ApprovalNeed(int Required, IReadOnlyList<string> FromGroups)
{
    public override string ToString() =>
        FromGroups.Count == 0
            ? $"{Required} approval{(Required == 1 ? "" : "s")}"
            : $"{Required} approval{(Required == 1 ? "" : "s")}, from {string.Join(", ", FromGroups)}";
}

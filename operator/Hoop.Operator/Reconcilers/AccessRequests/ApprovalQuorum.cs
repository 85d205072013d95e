using Hoop.Api.V1Alpha1;
using Hoop.Policy.Rules;

namespace Hoop.Operator.Reconcilers.AccessRequests;

/// <summary>
/// Whether the approvals given meet a rule's need: enough distinct approvers (the requester never counts), and each
/// fromGroups group matched to a different approver who belongs to it, so one person in two groups cannot satisfy both.
/// </summary>
internal static class ApprovalQuorum
{
    /// <summary>Distinct approvers that count, and whether the need is met.</summary>
    public static (int Approvers, bool Met) Evaluate(IEnumerable<Review> approvals, ApprovalNeed need, string? requester)
    {
        ArgumentNullException.ThrowIfNull(approvals);
        ArgumentNullException.ThrowIfNull(need);
        var groupsByApprover = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var review in approvals)
        {
            if (review.Decision != ReviewDecision.Approve || string.IsNullOrEmpty(review.Reviewer)
                || string.Equals(review.Reviewer, requester, StringComparison.Ordinal))
            {
                continue;
            }

            if (!groupsByApprover.TryGetValue(review.Reviewer, out var groups))
            {
                groupsByApprover[review.Reviewer] = groups = new HashSet<string>(StringComparer.Ordinal);
            }

            groups.UnionWith(review.Groups ?? []);
        }

        var approvers = groupsByApprover.Count;
        return (approvers, approvers >= need.Required && EveryGroupHasItsOwnApprover(need.FromGroups, [.. groupsByApprover.Values]));
    }

    /// <summary>A perfect matching of groups to distinct approvers (augmenting paths; at most ten groups).</summary>
    private static bool EveryGroupHasItsOwnApprover(IReadOnlyList<string> groups, IReadOnlyList<HashSet<string>> approvers)
    {
        var groupOfApprover = Enumerable.Repeat(-1, approvers.Count).ToArray();
        for (var g = 0; g < groups.Count; g++)
        {
            if (!Augment(g, new bool[approvers.Count]))
            {
                return false;
            }
        }

        return true;

        bool Augment(int group, bool[] visited)
        {
            for (var a = 0; a < approvers.Count; a++)
            {
                if (visited[a] || !approvers[a].Contains(groups[group]))
                {
                    continue;
                }

                visited[a] = true;
                if (groupOfApprover[a] < 0 || Augment(groupOfApprover[a], visited))
                {
                    groupOfApprover[a] = group;
                    return true;
                }
            }

            return false;
        }
    }
}

namespace Hoop.LocalKube.Authorization;

/// <summary>
/// Computes what kube-controller-manager's clusterrole-aggregation controller writes into each ClusterRole that has an
/// <c>aggregationRule</c>: the rules of every other ClusterRole its selectors match, without duplicates. The local
/// server runs no controller, so the authorizer evaluates aggregated roles through this instead of their stored rules.
/// </summary>
internal static class ClusterRoleAggregation
{
    /// <summary>The rules each ClusterRole grants, by name; aggregated roles get the converged result.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<PolicyRule>> EffectiveRules(IReadOnlyCollection<RbacRole> clusterRoles)
    {
        var byName = clusterRoles.OrderBy(role => role.Name, StringComparer.Ordinal).ToList();
        var rules = new Dictionary<string, IReadOnlyList<PolicyRule>>(StringComparer.Ordinal);
        foreach (var role in byName)
        {
            // The controller overwrites an aggregated role's rules, so what it stored itself never counts.
            rules[role.Name] = role.AggregationSelectors is null ? role.Rules : [];
        }

        var aggregated = byName.Where(role => role.AggregationSelectors is not null).ToList();
        // Aggregated roles may select each other (admin selects edit, which aggregates too), so repeat until nothing
        // grows, as the controller does by requeueing every aggregated role on each change. Rules only ever get added,
        // so this ends.
        bool grew;
        do
        {
            grew = false;
            foreach (var role in aggregated)
            {
                var combined = Combine(role, byName, rules);
                if (combined.Count != rules[role.Name].Count)
                {
                    rules[role.Name] = combined;
                    grew = true;
                }
            }
        }
        while (grew);
        return rules;
    }

    private static List<PolicyRule> Combine(RbacRole role, List<RbacRole> byName, Dictionary<string, IReadOnlyList<PolicyRule>> rules)
    {
        var combined = new List<PolicyRule>();
        var seen = new HashSet<PolicyRule>();
        foreach (var selector in role.AggregationSelectors!)
        {
            foreach (var selected in byName.Where(other => other.Name != role.Name && selector.Matches(other.Labels)))
            {
                combined.AddRange(rules[selected.Name].Where(seen.Add));
            }
        }
        return combined;
    }
}

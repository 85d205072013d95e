namespace Hoop.LocalKube.Patching;

/// <summary>
/// The table of list patch strategies a strategic merge patch consults, keyed by JSON field name and optionally by the
/// enclosing field. Lists it does not name are replaced, as Kubernetes does for lists without a patch strategy.
/// </summary>
internal sealed class ListMergeRules
{
    private readonly Dictionary<(string Field, string? Parent), ListMergeRule> _rules = [];

    /// <summary>Builds a table; a later rule for the same field and parent overrides an earlier one.</summary>
    public ListMergeRules(IEnumerable<ListMergeRule> rules)
    {
        foreach (var rule in rules)
        {
            if (rule.Strategy == ListStrategy.MergeByKey && string.IsNullOrEmpty(rule.MergeKey))
            {
                throw new ArgumentException($"The rule for list \"{rule.Field}\" merges by key but names no merge key.", nameof(rules));
            }

            _rules[(rule.Field, rule.Parent)] = rule;
        }
    }

    /// <summary>
    /// The built-in kinds' list strategies that clients rely on, from the <c>patchStrategy</c> tags of k8s.io/api
    /// (core/v1 PodSpec, Container, ServiceSpec, NodeStatus, PodStatus, ServiceAccount; meta/v1 ObjectMeta; rbac/v1).
    /// </summary>
    public static ListMergeRules BuiltIn { get; } = new(
    [
        // PodSpec (also inside every pod template).
        ListMergeRule.ByKey("containers", "name"),
        ListMergeRule.ByKey("initContainers", "name"),
        ListMergeRule.ByKey("ephemeralContainers", "name"),
        ListMergeRule.ByKey("volumes", "name"),
        ListMergeRule.ByKey("imagePullSecrets", "name"),
        ListMergeRule.ByKey("hostAliases", "ip"),
        ListMergeRule.ByKey("topologySpreadConstraints", "topologyKey"),
        ListMergeRule.ByKey("schedulingGates", "name"),
        ListMergeRule.ByKey("resourceClaims", "name"),
        ListMergeRule.Replaced("tolerations"),

        // Container, EphemeralContainer.
        ListMergeRule.ByKey("env", "name"),
        ListMergeRule.ByKey("volumeMounts", "mountPath"),
        ListMergeRule.ByKey("volumeDevices", "devicePath"),
        ListMergeRule.ByKey("ports", "containerPort", "containers"),
        ListMergeRule.ByKey("ports", "containerPort", "initContainers"),
        ListMergeRule.ByKey("ports", "containerPort", "ephemeralContainers"),

        // ServiceSpec.
        ListMergeRule.ByKey("ports", "port", "spec"),

        // ObjectMeta.
        ListMergeRule.AsSet("finalizers"),
        ListMergeRule.ByKey("ownerReferences", "uid"),

        // Status of pods, nodes, deployments and most other built-ins.
        ListMergeRule.ByKey("conditions", "type"),
        ListMergeRule.ByKey("addresses", "type", "status"),
        ListMergeRule.ByKey("podIPs", "ip"),
        ListMergeRule.ByKey("hostIPs", "ip"),

        // ServiceAccount.
        ListMergeRule.ByKey("secrets", "name"),

        // RBAC roles and bindings, and Ingress rules.
        ListMergeRule.Replaced("subjects"),
        ListMergeRule.Replaced("rules"),
    ]);

    /// <summary>A copy of this table with <paramref name="rules"/> added, overriding rules for the same field and parent.</summary>
    public ListMergeRules With(params IEnumerable<ListMergeRule> rules) => new(_rules.Values.Concat(rules));

    /// <summary>The rule for list <paramref name="field"/> inside the field <paramref name="parent"/>: the one for that parent, else the one for any parent, else replace.</summary>
    public ListMergeRule Find(string field, string? parent) =>
        (parent is not null && _rules.TryGetValue((field, parent), out var specific)) ? specific
        : _rules.TryGetValue((field, null), out var general) ? general
        : ListMergeRule.Replaced(field);
}

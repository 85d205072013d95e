using System.Text.Json.Nodes;
using Hoop.LocalKube.Selectors;

namespace Hoop.LocalKube.Authorization;

/// <summary>A Role or ClusterRole. <see cref="AggregationSelectors"/> is null unless the ClusterRole has an <c>aggregationRule</c>.</summary>
internal sealed record RbacRole(
    string Kind,
    string Namespace,
    string Name,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyList<PolicyRule> Rules,
    IReadOnlyList<LabelSelector>? AggregationSelectors)
{
    public const string RoleKind = "Role";
    public const string ClusterRoleKind = "ClusterRole";

    public static RbacRole FromJson(JsonObject role)
    {
        var kind = role.Text("kind");
        var metadata = role.Object("metadata");
        var aggregationRule = kind == ClusterRoleKind ? role.Object("aggregationRule") : null;
        return new RbacRole(
            kind,
            kind == ClusterRoleKind ? "" : metadata.Text("namespace"),
            metadata.Text("name"),
            metadata.TextMap("labels"),
            [.. role.Objects("rules").Select(PolicyRule.FromJson)],
            aggregationRule is null ? null : SelectorsOf(aggregationRule));
    }

    /// <summary>The aggregation selectors; one that is not a valid selector selects nothing, so it is left out.</summary>
    private static IReadOnlyList<LabelSelector> SelectorsOf(JsonObject aggregationRule) =>
        aggregationRule["clusterRoleSelectors"] is JsonArray selectors
            ? [.. selectors.Select(s => s is JsonObject or null && LabelSelector.TryFromLabelSelectorObject(s as JsonObject, out var selector, out _) ? selector : null).OfType<LabelSelector>()]
            : [];
}

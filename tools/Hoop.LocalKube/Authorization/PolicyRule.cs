using System.Text.Json.Nodes;

namespace Hoop.LocalKube.Authorization;

/// <summary>
/// One rule of a Role or ClusterRole, matched as kube-apiserver's RBAC authorizer matches it
/// (<c>RuleAllows</c> and the <c>VerbMatches</c>/<c>ResourceMatches</c> family of <c>rbac/v1</c>).
/// </summary>
internal sealed record PolicyRule(
    IReadOnlyList<string> Verbs,
    IReadOnlyList<string> ApiGroups,
    IReadOnlyList<string> Resources,
    IReadOnlyList<string> ResourceNames,
    IReadOnlyList<string> NonResourceUrls)
{
    private const string All = "*";

    public static PolicyRule FromJson(JsonObject rule) => new(
        rule.Texts("verbs"),
        rule.Texts("apiGroups"),
        rule.Texts("resources"),
        rule.Texts("resourceNames"),
        rule.Texts("nonResourceURLs"));

    public bool Allows(ResourceAttributes request)
    {
        var combinedResource = request.Subresource.Length > 0 ? $"{request.Resource}/{request.Subresource}" : request.Resource;
        return VerbMatches(request.Verb)
            && ApiGroups.Any(group => group is All || group == request.Group)
            && ResourceMatches(combinedResource, request.Subresource)
            && ResourceNameMatches(request.Name);
    }

    public bool Allows(NonResourceAttributes request) => VerbMatches(request.Verb) && NonResourceUrlMatches(request.Path);

    private bool VerbMatches(string verb) => Verbs.Any(ruleVerb => ruleVerb is All || ruleVerb == verb);

    private bool ResourceMatches(string combinedResource, string subresource) => Resources.Any(ruleResource =>
        ruleResource is All
        || ruleResource == combinedResource
        // "*/status" grants the status subresource of every resource.
        || (subresource.Length > 0 && ruleResource.Length == subresource.Length + 2
            && ruleResource.StartsWith("*/", StringComparison.Ordinal)
            && ruleResource.EndsWith(subresource, StringComparison.Ordinal)));

    // A rule restricted to names never matches a request without one (list, watch, create): the name is compared as "".
    private bool ResourceNameMatches(string name) => ResourceNames.Count == 0 || ResourceNames.Contains(name, StringComparer.Ordinal);

    private bool NonResourceUrlMatches(string path) => NonResourceUrls.Any(ruleUrl =>
        ruleUrl is All
        || ruleUrl == path
        || (ruleUrl.EndsWith('*') && path.StartsWith(ruleUrl.TrimEnd('*'), StringComparison.Ordinal)));

    // Value equality, so aggregation can drop a rule that several aggregated roles share, as the controller does.
    public bool Equals(PolicyRule? other) =>
        other is not null
        && Verbs.SequenceEqual(other.Verbs, StringComparer.Ordinal)
        && ApiGroups.SequenceEqual(other.ApiGroups, StringComparer.Ordinal)
        && Resources.SequenceEqual(other.Resources, StringComparer.Ordinal)
        && ResourceNames.SequenceEqual(other.ResourceNames, StringComparer.Ordinal)
        && NonResourceUrls.SequenceEqual(other.NonResourceUrls, StringComparer.Ordinal);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var list in new[] { Verbs, ApiGroups, Resources, ResourceNames, NonResourceUrls })
        {
            hash.Add(list.Count);
            foreach (var item in list)
            {
                hash.Add(item, StringComparer.Ordinal);
            }
        }
        return hash.ToHashCode();
    }
}

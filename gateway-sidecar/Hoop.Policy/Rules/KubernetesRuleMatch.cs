using Hoop.Api.V1Alpha1;
using Hoop.Policy.Matching;

namespace Hoop.Policy.Rules;

/// <summary>
/// A compiled <see cref="KubernetesMatch"/>. Verbs, API groups, resources and subresources compare exactly (<c>*</c> is
/// any); namespaces and names are globs. A request without a namespace (cluster-scoped, or across all namespaces) or
/// without a name (a collection) touches every namespace or name: a loose match counts it, a strict one does not.
/// A rule that lists no subresources covers them all loosely and none strictly.
/// </summary>
internal sealed class KubernetesRuleMatch(
    IReadOnlyList<string>? verbs,
    IReadOnlyList<string>? apiGroups,
    IReadOnlyList<string>? resources,
    IReadOnlyList<string>? subresources,
    IReadOnlyList<GlobPattern>? namespaces,
    IReadOnlyList<GlobPattern>? names)
{
    public bool Matches(KubernetesRequestFacts request, MatchBreadth breadth)
    {
        if (!Listed(verbs, request.Verb))
        {
            return false;
        }

        if ((apiGroups is not null || resources is not null || subresources is not null || namespaces is not null || names is not null)
            && !request.IsResourceRequest)
        {
            return false;
        }

        return Listed(apiGroups, request.ApiGroup)
            && Listed(resources, request.Resource)
            && SubresourceMatches(request.Subresource, breadth)
            && Covered(namespaces, request.Namespace, breadth)
            && Covered(names, request.Name, breadth);
    }

    /// <summary>Without listed subresources, an Allow covers the resource itself only (as RBAC does); a Deny covers all of them.</summary>
    private bool SubresourceMatches(string? subresource, MatchBreadth breadth) => subresources is null
        ? subresource is null || breadth == MatchBreadth.Loose
        : subresource is not null && Listed(subresources, subresource);

    private static bool Listed(IReadOnlyList<string>? allowed, string value) =>
        allowed is null || allowed.Any(a => a == "*" || string.Equals(a, value, StringComparison.Ordinal));

    private static bool Covered(IReadOnlyList<GlobPattern>? globs, string? value, MatchBreadth breadth) =>
        globs is null || (value is null ? breadth == MatchBreadth.Loose : globs.Any(g => g.IsMatch(value)));
}

using System.Text.Json.Nodes;
using Hoop.LocalKube.Selectors;

namespace Hoop.LocalKube.Authorization;

/// <summary>
/// Decides as kube-apiserver's RBAC authorizer does, from the stored Roles, ClusterRoles and their bindings: subjects
/// are users, groups or ServiceAccounts; rules match verbs (custom ones like <c>approve</c> included), API groups,
/// <c>resource/subresource</c>, <c>resourceNames</c> and non-resource URLs; RoleBindings may grant a ClusterRole within
/// their namespace; ClusterRoles with an <c>aggregationRule</c> carry the rules of the ClusterRoles they select.
/// <c>system:masters</c> may do anything, as the real server's superuser group.
/// </summary>
internal sealed class RbacAuthorizer(Func<string, IReadOnlyList<JsonObject>> list)
{
    private const string Rbac = "rbac.authorization.k8s.io";

    public Decision Authorize(UserInfo user, ResourceAttributes request) =>
        Decide(user, request.Namespace, rule => ResourceRuleAllows(rule, request));

    public Decision Authorize(UserInfo user, NonResourceAttributes request) =>
        Decide(user, null, rule => NonResourceRuleAllows(rule, request));

    private Decision Decide(UserInfo user, string? ns, Func<JsonObject, bool> allows)
    {
        if (user.Groups.Contains("system:masters"))
        {
            return new Decision(true, "");
        }

        foreach (var binding in list($"{Rbac}/clusterrolebindings"))
        {
            if (Subject(binding, user, null) is { } subject && RulesOf(binding, null).Any(allows))
            {
                return Allowed("ClusterRoleBinding", Name(binding) ?? "", binding, subject);
            }
        }

        if (ns is not null)
        {
            foreach (var binding in list($"{Rbac}/rolebindings").Where(b => b["metadata"]?["namespace"]?.GetValue<string>() == ns))
            {
                if (Subject(binding, user, ns) is { } subject && RulesOf(binding, ns).Any(allows))
                {
                    return Allowed("RoleBinding", $"{Name(binding)}/{ns}", binding, subject);
                }
            }
        }

        return new Decision(false, "");
    }

    private static Decision Allowed(string bindingKind, string bindingName, JsonObject binding, string subject)
    {
        var roleRef = binding["roleRef"]!;
        var role = roleRef["kind"]!.GetValue<string>() == "Role"
            ? $"Role \"{roleRef["name"]}/{binding["metadata"]?["namespace"]}\""
            : $"ClusterRole \"{roleRef["name"]}\"";
        return new Decision(true, $"RBAC: allowed by {bindingKind} \"{bindingName}\" of {role} to {subject}");
    }

    /// <summary>The binding's subject that is this user, described as the real reason describes it; null when none is.</summary>
    private static string? Subject(JsonObject binding, UserInfo user, string? bindingNamespace)
    {
        foreach (var subject in binding["subjects"]?.AsArray().OfType<JsonObject>() ?? [])
        {
            var name = subject["name"]?.GetValue<string>() ?? "";
            switch (subject["kind"]?.GetValue<string>())
            {
                case "User" when name == user.Username:
                    return $"User \"{name}\"";
                case "Group" when user.Groups.Contains(name):
                    return $"Group \"{name}\"";
                case "ServiceAccount":
                    var ns = subject["namespace"]?.GetValue<string>() ?? bindingNamespace ?? "";
                    if (user.Username == $"system:serviceaccount:{ns}:{name}")
                    {
                        return $"ServiceAccount \"{name}/{ns}\"";
                    }

                    break;
            }
        }

        return null;
    }

    private IEnumerable<JsonObject> RulesOf(JsonObject binding, string? ns)
    {
        var roleRef = binding["roleRef"];
        var roleName = roleRef?["name"]?.GetValue<string>();
        var role = roleRef?["kind"]?.GetValue<string>() switch
        {
            "Role" when ns is not null => list($"{Rbac}/roles").FirstOrDefault(r => Name(r) == roleName && r["metadata"]?["namespace"]?.GetValue<string>() == ns),
            "ClusterRole" => list($"{Rbac}/clusterroles").FirstOrDefault(r => Name(r) == roleName),
            _ => null,
        };
        return role is null ? [] : Rules(role);
    }

    private IEnumerable<JsonObject> Rules(JsonObject role)
    {
        foreach (var rule in role["rules"]?.AsArray().OfType<JsonObject>() ?? [])
        {
            yield return rule;
        }

        var selectors = role["aggregationRule"]?["clusterRoleSelectors"]?.AsArray().OfType<JsonObject>().ToList() ?? [];
        if (selectors.Count == 0)
        {
            yield break;
        }

        foreach (var other in list($"{Rbac}/clusterroles").Where(r => Name(r) != Name(role)))
        {
            var labels = other["metadata"]?["labels"]?.AsObject().ToDictionary(e => e.Key, e => e.Value?.GetValue<string>() ?? "") ?? [];
            if (selectors.Any(s => LabelSelector.TryFromLabelSelectorObject(s, out var selector, out _) && !selector.IsEmpty && selector.Matches(labels)))
            {
                foreach (var rule in other["rules"]?.AsArray().OfType<JsonObject>() ?? [])
                {
                    yield return rule;
                }
            }
        }
    }

    private static bool ResourceRuleAllows(JsonObject rule, ResourceAttributes request)
    {
        var resource = request.Subresource is { Length: > 0 } sub ? $"{request.Resource}/{sub}" : request.Resource;
        return Has(rule["verbs"], request.Verb)
            && Has(rule["apiGroups"], request.Group)
            && Values(rule["resources"]).Any(r => r == "*" || r == resource || (request.Subresource is { Length: > 0 } s && r == $"*/{s}"))
            && (Values(rule["resourceNames"]).ToList() is not { Count: > 0 } names || (request.Name is { Length: > 0 } name && names.Contains(name)));
    }

    private static bool NonResourceRuleAllows(JsonObject rule, NonResourceAttributes request) =>
        Has(rule["verbs"], request.Verb)
        && Values(rule["nonResourceURLs"]).Any(url => url == "*" || url == request.Path || (url.EndsWith('*') && request.Path.StartsWith(url[..^1], StringComparison.Ordinal)));

    private static bool Has(JsonNode? values, string value) => Values(values).Any(v => v == "*" || v == value);

    private static IEnumerable<string> Values(JsonNode? values) => values?.AsArray().Select(v => v?.GetValue<string>() ?? "") ?? [];

    private static string? Name(JsonObject obj) => obj["metadata"]?["name"]?.GetValue<string>();
}

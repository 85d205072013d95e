using System.Text.Json.Nodes;

namespace Hoop.LocalKube.Authorization;

/// <summary>
/// Finds the rules that apply to a user in a namespace from a snapshot of stored RBAC objects, as kube-apiserver's
/// <c>DefaultRuleResolver.VisitRulesFor</c> does: every ClusterRoleBinding first, then the RoleBindings of the namespace.
/// </summary>
internal sealed class RbacRuleResolver
{
    private const string RbacApiVersion = "rbac.authorization.k8s.io/v1";

    private readonly Dictionary<(string Namespace, string Name), IReadOnlyList<PolicyRule>> _roles = [];
    private readonly IReadOnlyDictionary<string, IReadOnlyList<PolicyRule>> _clusterRoles;
    private readonly List<RbacBinding> _clusterRoleBindings = [];
    private readonly Dictionary<string, List<RbacBinding>> _roleBindingsByNamespace = new(StringComparer.Ordinal);

    /// <param name="rbacObjects">
    /// Roles, ClusterRoles, RoleBindings and ClusterRoleBindings as stored; other objects are ignored. The objects are
    /// read once here, so later changes to them do not change this resolver.
    /// </param>
    public RbacRuleResolver(IEnumerable<JsonObject> rbacObjects)
    {
        var clusterRoles = new Dictionary<string, RbacRole>(StringComparer.Ordinal);
        foreach (var stored in rbacObjects.Where(stored => stored.Text("apiVersion") == RbacApiVersion))
        {
            switch (stored.Text("kind"))
            {
                case RbacRole.RoleKind:
                    var role = RbacRole.FromJson(stored);
                    _roles[(role.Namespace, role.Name)] = role.Rules;
                    break;
                case RbacRole.ClusterRoleKind:
                    var clusterRole = RbacRole.FromJson(stored);
                    clusterRoles[clusterRole.Name] = clusterRole;
                    break;
                case RbacBinding.ClusterRoleBindingKind:
                    _clusterRoleBindings.Add(RbacBinding.FromJson(stored));
                    break;
                case RbacBinding.RoleBindingKind:
                    var roleBinding = RbacBinding.FromJson(stored);
                    if (!_roleBindingsByNamespace.TryGetValue(roleBinding.Namespace, out var inNamespace))
                    {
                        _roleBindingsByNamespace[roleBinding.Namespace] = inNamespace = [];
                    }
                    inNamespace.Add(roleBinding);
                    break;
                default:
                    break;
            }
        }
        _clusterRoles = ClusterRoleAggregation.EffectiveRules(clusterRoles.Values);
    }

    /// <summary>
    /// The bindings that name the user, with their rules, lazily so a caller can stop at the first rule that allows.
    /// RoleBindings count only when <paramref name="requestNamespace"/> is not empty.
    /// </summary>
    public IEnumerable<BoundRules> RulesFor(UserInfo user, string requestNamespace)
    {
        foreach (var binding in _clusterRoleBindings)
        {
            if (Resolve(binding, user) is { } bound)
            {
                yield return bound;
            }
        }
        if (requestNamespace.Length == 0 || !_roleBindingsByNamespace.TryGetValue(requestNamespace, out var roleBindings))
        {
            yield break;
        }
        foreach (var binding in roleBindings)
        {
            if (Resolve(binding, user) is { } bound)
            {
                yield return bound;
            }
        }
    }

    private BoundRules? Resolve(RbacBinding binding, UserInfo user)
    {
        if (binding.SubjectFor(user) is not { } subject)
        {
            return null;
        }
        var source = binding.Describe(subject);
        return binding.RoleKind switch
        {
            // A RoleBinding's Role lives in the binding's namespace; a ClusterRoleBinding cannot reach a Role.
            RbacRole.RoleKind => _roles.TryGetValue((binding.Namespace, binding.RoleName), out var rules)
                ? new BoundRules(source, rules, null)
                : NotFound(source, "role", binding.RoleName),
            // A RoleBinding to a ClusterRole grants its rules only in the binding's namespace: RoleBindings of other
            // namespaces are never visited.
            RbacRole.ClusterRoleKind => _clusterRoles.TryGetValue(binding.RoleName, out var rules)
                ? new BoundRules(source, rules, null)
                : NotFound(source, "clusterrole", binding.RoleName),
            _ => new BoundRules(source, [], $"unsupported role reference kind: {GoStringLiteral.Quote(binding.RoleKind)}"),
        };
    }

    private static BoundRules NotFound(string source, string resource, string name) =>
        new(source, [], $"{resource}.rbac.authorization.k8s.io {GoStringLiteral.Quote(name)} not found");
}

using System.Text.Json.Nodes;

namespace Hoop.LocalKube.Authorization;

/// <summary>
/// Decides requests as kube-apiserver does with <c>--authorization-mode=RBAC</c>: members of <c>system:masters</c>
/// first, then any rule of a binding that names the user. RBAC only ever allows; a request no rule allows is denied.
/// </summary>
internal sealed class RbacAuthorizer(RbacRuleResolver resolver)
{
    /// <param name="rbacObjects">Roles, ClusterRoles, RoleBindings and ClusterRoleBindings exactly as stored.</param>
    public RbacAuthorizer(IEnumerable<JsonObject> rbacObjects)
        : this(new RbacRuleResolver(rbacObjects))
    {
    }

    public AuthorizationDecision Authorize(UserInfo user, ResourceAttributes request) =>
        Decide(user, request.Namespace, rule => rule.Allows(request));

    /// <summary>Non-resource paths have no namespace, so only ClusterRoleBindings can grant them.</summary>
    public AuthorizationDecision Authorize(UserInfo user, NonResourceAttributes request) =>
        Decide(user, "", rule => rule.Allows(request));

    private AuthorizationDecision Decide(UserInfo user, string requestNamespace, Func<PolicyRule, bool> allows)
    {
        // The real server's privileged-group authorizer runs before RBAC and gives no reason.
        if (user.Groups.Contains(UserInfo.SuperuserGroup, StringComparer.Ordinal))
        {
            return AuthorizationDecision.Allow("");
        }

        var resolutionErrors = new List<string>();
        foreach (var bound in resolver.RulesFor(user, requestNamespace))
        {
            if (bound.ResolutionError is { } error)
            {
                resolutionErrors.Add(error);
            }
            else if (bound.Rules.Any(allows))
            {
                return AuthorizationDecision.Allow($"RBAC: allowed by {bound.Source}");
            }
        }
        // Missing roles only explain a denial; rules that were found still count (policy is purely additive).
        return AuthorizationDecision.NoOpinion(resolutionErrors.Count == 0 ? "" : $"RBAC: {ErrorAggregate.Format(resolutionErrors)}");
    }
}

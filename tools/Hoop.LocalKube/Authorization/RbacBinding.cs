using System.Text.Json.Nodes;

namespace Hoop.LocalKube.Authorization;

/// <summary>A RoleBinding or ClusterRoleBinding: who gets the rules of which role.</summary>
internal sealed record RbacBinding(
    string Kind,
    string Name,
    string Namespace,
    string RoleKind,
    string RoleName,
    IReadOnlyList<RbacSubject> Subjects)
{
    public const string RoleBindingKind = "RoleBinding";
    public const string ClusterRoleBindingKind = "ClusterRoleBinding";

    public static RbacBinding FromJson(JsonObject binding)
    {
        var kind = binding.Text("kind");
        var metadata = binding.Object("metadata");
        var roleRef = binding.Object("roleRef");
        return new RbacBinding(
            kind,
            metadata.Text("name"),
            // A ClusterRoleBinding has no namespace; its ServiceAccount subjects must name theirs.
            kind == ClusterRoleBindingKind ? "" : metadata.Text("namespace"),
            roleRef.Text("kind"),
            roleRef.Text("name"),
            [.. binding.Objects("subjects").Select(RbacSubject.FromJson)]);
    }

    /// <summary>The first subject that is the user, as the real authorizer reports it; null when none is.</summary>
    public RbacSubject? SubjectFor(UserInfo user) => Subjects.FirstOrDefault(subject => subject.AppliesTo(user, Namespace));

    /// <summary>Reads like kube-apiserver: <c>RoleBinding "name/namespace" of ClusterRole "admin" to User "alice"</c>.</summary>
    public string Describe(RbacSubject subject)
    {
        var binding = Kind == ClusterRoleBindingKind ? Name : $"{Name}/{Namespace}";
        return $"{Kind} {GoStringLiteral.Quote(binding)} of {RoleKind} {GoStringLiteral.Quote(RoleName)} to {subject.Describe(Namespace)}";
    }
}

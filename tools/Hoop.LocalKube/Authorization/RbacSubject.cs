using System.Text.Json.Nodes;

namespace Hoop.LocalKube.Authorization;

/// <summary>One subject of a RoleBinding or ClusterRoleBinding: a User, a Group or a ServiceAccount.</summary>
internal sealed record RbacSubject(string Kind, string Name, string Namespace)
{
    public const string UserKind = "User";
    public const string GroupKind = "Group";
    public const string ServiceAccountKind = "ServiceAccount";

    public static RbacSubject FromJson(JsonObject subject) =>
        new(subject.Text("kind"), subject.Text("name"), subject.Text("namespace"));

    /// <summary>Whether the user is this subject; <paramref name="bindingNamespace"/> is empty for a ClusterRoleBinding.</summary>
    public bool AppliesTo(UserInfo user, string bindingNamespace)
    {
        switch (Kind)
        {
            case UserKind:
                return user.Username == Name;
            case GroupKind:
                return user.Groups.Contains(Name, StringComparer.Ordinal);
            case ServiceAccountKind:
                // A RoleBinding may leave out the ServiceAccount's namespace: it then means its own.
                var serviceAccountNamespace = Namespace.Length > 0 ? Namespace : bindingNamespace;
                return serviceAccountNamespace.Length > 0
                    && user.Username == UserInfo.ServiceAccountUsername(serviceAccountNamespace, Name);
            default:
                return false;
        }
    }

    /// <summary>How the real authorizer names the subject in a reason; a ServiceAccount reads <c>name/namespace</c>.</summary>
    public string Describe(string bindingNamespace) => Kind == ServiceAccountKind
        ? $"{Kind} {GoStringLiteral.Quote($"{Name}/{(Namespace.Length > 0 ? Namespace : bindingNamespace)}")}"
        : $"{Kind} {GoStringLiteral.Quote(Name)}";
}

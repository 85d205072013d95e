using Hoop.Api;

namespace Hoop.Kube.Informers;

/// <summary>
/// What an informer lists and watches: a resource (group "" for the core API), optionally one namespace, a label selector
/// and a field selector (<c>metadata.name=NAME</c> follows one object, which RBAC grants by resourceNames).
/// </summary>
internal sealed record ResourceDescriptor(string Group, string Version, string Plural, string? Namespace = null, string? LabelSelector = null, string? FieldSelector = null)
{
    /// <summary>A hoop.dev custom resource.</summary>
    public static ResourceDescriptor For(ResourceKind kind, string? @namespace = null, string? labelSelector = null)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return new(HoopApiGroup.Group, HoopApiGroup.Version, kind.Plural, @namespace, labelSelector);
    }

    public static ResourceDescriptor StatefulSets(string? @namespace = null, string? labelSelector = null) => new("apps", "v1", "statefulsets", @namespace, labelSelector);

    public static ResourceDescriptor Services(string? @namespace = null, string? labelSelector = null) => new("", "v1", "services", @namespace, labelSelector);

    public static ResourceDescriptor ServiceAccounts(string? @namespace = null, string? labelSelector = null) => new("", "v1", "serviceaccounts", @namespace, labelSelector);

    public static ResourceDescriptor ConfigMaps(string? @namespace = null, string? labelSelector = null) => new("", "v1", "configmaps", @namespace, labelSelector);

    public static ResourceDescriptor Secrets(string? @namespace = null, string? labelSelector = null) => new("", "v1", "secrets", @namespace, labelSelector);

    public static ResourceDescriptor Roles(string? @namespace = null, string? labelSelector = null) => new("rbac.authorization.k8s.io", "v1", "roles", @namespace, labelSelector);

    public static ResourceDescriptor RoleBindings(string? @namespace = null, string? labelSelector = null) => new("rbac.authorization.k8s.io", "v1", "rolebindings", @namespace, labelSelector);

    public static ResourceDescriptor Leases(string? @namespace = null, string? labelSelector = null) => new("coordination.k8s.io", "v1", "leases", @namespace, labelSelector);

    /// <summary>The same resource restricted to the one object named <paramref name="name"/>.</summary>
    public ResourceDescriptor Named(string name) => this with { FieldSelector = $"metadata.name={name}" };

    public override string ToString() => Group.Length == 0 ? $"{Plural}.{Version}" : $"{Plural}.{Version}.{Group}";
}

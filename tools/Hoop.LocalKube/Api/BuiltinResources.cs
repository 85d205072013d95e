namespace Hoop.LocalKube.Api;

/// <summary>The built-in resources LocalKube serves. Nothing runs pods or workloads: they are stored, not scheduled.</summary>
internal static class BuiltinResources
{
    private static readonly string[] ReadCreate = ["create"];

    public static IReadOnlyList<ResourceType> All { get; } =
    [
        new("", "v1", "namespaces", "Namespace", Namespaced: false) { ShortNames = ["ns"], HasStatus = true },
        new("", "v1", "secrets", "Secret", Namespaced: true),
        new("", "v1", "configmaps", "ConfigMap", Namespaced: true) { ShortNames = ["cm"] },
        new("", "v1", "services", "Service", Namespaced: true) { ShortNames = ["svc"], HasStatus = true, Categories = ["all"] },
        new("", "v1", "serviceaccounts", "ServiceAccount", Namespaced: true) { ShortNames = ["sa"] },
        new("", "v1", "persistentvolumeclaims", "PersistentVolumeClaim", Namespaced: true) { ShortNames = ["pvc"], HasStatus = true },
        new("", "v1", "pods", "Pod", Namespaced: true) { ShortNames = ["po"], HasStatus = true, Categories = ["all"] },
        new("", "v1", "events", "Event", Namespaced: true) { ShortNames = ["ev"] },
        new("events.k8s.io", "v1", "events", "Event", Namespaced: true) { ShortNames = ["ev"] },
        new("apps", "v1", "statefulsets", "StatefulSet", Namespaced: true) { ShortNames = ["sts"], HasStatus = true, Categories = ["all"] },
        new("apps", "v1", "deployments", "Deployment", Namespaced: true) { ShortNames = ["deploy"], HasStatus = true, Categories = ["all"] },
        new("coordination.k8s.io", "v1", "leases", "Lease", Namespaced: true),
        new("rbac.authorization.k8s.io", "v1", "roles", "Role", Namespaced: true),
        new("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", Namespaced: true),
        new("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", Namespaced: false),
        new("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "ClusterRoleBinding", Namespaced: false),
        new("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", Namespaced: false) { ShortNames = ["crd", "crds"], HasStatus = true },
        new("admissionregistration.k8s.io", "v1", "mutatingwebhookconfigurations", "MutatingWebhookConfiguration", Namespaced: false),
        new("admissionregistration.k8s.io", "v1", "validatingwebhookconfigurations", "ValidatingWebhookConfiguration", Namespaced: false),
        new("authentication.k8s.io", "v1", "tokenreviews", "TokenReview", Namespaced: false) { Verbs = ReadCreate, IsVirtual = true },
        new("authentication.k8s.io", "v1", "selfsubjectreviews", "SelfSubjectReview", Namespaced: false) { Verbs = ReadCreate, IsVirtual = true },
        new("authorization.k8s.io", "v1", "subjectaccessreviews", "SubjectAccessReview", Namespaced: false) { Verbs = ReadCreate, IsVirtual = true },
        new("authorization.k8s.io", "v1", "selfsubjectaccessreviews", "SelfSubjectAccessReview", Namespaced: false) { Verbs = ReadCreate, IsVirtual = true },
    ];
}

using System.Text.Json.Nodes;
using Hoop.LocalKube.Authorization;

namespace Hoop.LocalKube.Tests.Authorization;

/// <summary>Builds authorizers from RBAC objects written as the JSON the API server stores.</summary>
internal static class StoredRbac
{
    public static RbacAuthorizer Authorizer(params string[] storedObjects) =>
        new(storedObjects.Select(json => JsonNode.Parse(json)!.AsObject()));

    public static ResourceAttributes Request(string verb, string resource, string ns = "", string name = "", string group = "", string subresource = "") =>
        new() { Verb = verb, Resource = resource, Namespace = ns, Name = name, Group = group, Subresource = subresource };

    public static ResourceAttributes Approve(string ns, string policy) =>
        Request("approve", "approvalpolicies", ns, policy, "hoop.dev");

    public static NonResourceAttributes Path(string verb, string path) => new() { Verb = verb, Path = path };

    public static bool Allows(this RbacAuthorizer authorizer, UserInfo user, ResourceAttributes request) =>
        authorizer.Authorize(user, request).Allowed;

    public static bool Allows(this RbacAuthorizer authorizer, UserInfo user, NonResourceAttributes request) =>
        authorizer.Authorize(user, request).Allowed;

    /// <summary>A ClusterRole granting <paramref name="verbs"/> on <paramref name="resources"/> of <paramref name="group"/>.</summary>
    public static string ClusterRole(string name, string group, string resources, string verbs) => $$"""
        {
          "apiVersion": "rbac.authorization.k8s.io/v1",
          "kind": "ClusterRole",
          "metadata": { "name": "{{name}}", "uid": "{{Guid.NewGuid()}}", "resourceVersion": "101", "creationTimestamp": "2025-03-01T10:00:00Z" },
          "rules": [ { "apiGroups": ["{{group}}"], "resources": [{{Quoted(resources)}}], "verbs": [{{Quoted(verbs)}}] } ]
        }
        """;

    /// <summary>A ClusterRoleBinding of ClusterRole <paramref name="role"/> to one subject.</summary>
    public static string ClusterRoleBinding(string name, string role, string subjectKind, string subjectName, string subjectNamespace = "") => $$"""
        {
          "apiVersion": "rbac.authorization.k8s.io/v1",
          "kind": "ClusterRoleBinding",
          "metadata": { "name": "{{name}}", "uid": "{{Guid.NewGuid()}}", "resourceVersion": "102", "creationTimestamp": "2025-03-01T10:00:00Z" },
          "roleRef": { "apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "{{role}}" },
          "subjects": [ {{Subject(subjectKind, subjectName, subjectNamespace)}} ]
        }
        """;

    /// <summary>A RoleBinding in <paramref name="ns"/> of a Role or ClusterRole to one subject.</summary>
    public static string RoleBinding(string ns, string name, string roleKind, string role, string subjectKind, string subjectName, string subjectNamespace = "") => $$"""
        {
          "apiVersion": "rbac.authorization.k8s.io/v1",
          "kind": "RoleBinding",
          "metadata": { "name": "{{name}}", "namespace": "{{ns}}", "uid": "{{Guid.NewGuid()}}", "resourceVersion": "103", "creationTimestamp": "2025-03-01T10:00:00Z" },
          "roleRef": { "apiGroup": "rbac.authorization.k8s.io", "kind": "{{roleKind}}", "name": "{{role}}" },
          "subjects": [ {{Subject(subjectKind, subjectName, subjectNamespace)}} ]
        }
        """;

    private static string Subject(string kind, string name, string ns) => kind == "ServiceAccount"
        ? ns.Length > 0
            ? $$"""{ "kind": "ServiceAccount", "name": "{{name}}", "namespace": "{{ns}}" }"""
            : $$"""{ "kind": "ServiceAccount", "name": "{{name}}" }"""
        : $$"""{ "apiGroup": "rbac.authorization.k8s.io", "kind": "{{kind}}", "name": "{{name}}" }""";

    private static string Quoted(string commaSeparated) =>
        string.Join(", ", commaSeparated.Split(',').Select(item => $"\"{item.Trim()}\""));
}

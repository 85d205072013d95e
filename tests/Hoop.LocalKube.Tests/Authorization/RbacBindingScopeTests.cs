using Hoop.LocalKube.Authorization;
using static Hoop.LocalKube.Tests.Authorization.StoredRbac;

namespace Hoop.LocalKube.Tests.Authorization;

public sealed class RbacBindingScopeTests
{
    private static readonly UserInfo Alice = UserInfo.Named("alice", "system:authenticated");

    [Fact]
    public void A_role_binding_to_a_cluster_role_grants_it_only_in_the_binding_namespace()
    {
        var authorizer = Authorizer(
            ClusterRole("hoop-requester", "hoop.dev", "accessrequests", "create, get, list"),
            RoleBinding("payments", "alice-requests", "ClusterRole", "hoop-requester", "User", "alice"));

        Assert.True(authorizer.Allows(Alice, Request("create", "accessrequests", "payments", group: "hoop.dev")));
        Assert.False(authorizer.Allows(Alice, Request("create", "accessrequests", "billing", group: "hoop.dev")));
        Assert.False(authorizer.Allows(Alice, Request("list", "accessrequests", group: "hoop.dev")));
    }

    [Fact]
    public void A_role_binding_to_a_role_takes_the_role_of_its_own_namespace()
    {
        var authorizer = Authorizer(
            """
            {
              "apiVersion": "rbac.authorization.k8s.io/v1",
              "kind": "Role",
              "metadata": { "name": "hoop-requester", "namespace": "payments" },
              "rules": [ { "apiGroups": ["hoop.dev"], "resources": ["accessrequests"], "verbs": ["create"] } ]
            }
            """,
            """
            {
              "apiVersion": "rbac.authorization.k8s.io/v1",
              "kind": "Role",
              "metadata": { "name": "hoop-requester", "namespace": "billing" },
              "rules": [ { "apiGroups": ["hoop.dev"], "resources": ["accessrequests"], "verbs": ["get"] } ]
            }
            """,
            RoleBinding("payments", "alice-requests", "Role", "hoop-requester", "User", "alice"),
            RoleBinding("billing", "alice-requests", "Role", "hoop-requester", "User", "alice"));

        Assert.True(authorizer.Allows(Alice, Request("create", "accessrequests", "payments", group: "hoop.dev")));
        Assert.False(authorizer.Allows(Alice, Request("get", "accessrequests", "payments", "r1", "hoop.dev")));
        Assert.True(authorizer.Allows(Alice, Request("get", "accessrequests", "billing", "r1", "hoop.dev")));
        Assert.False(authorizer.Allows(Alice, Request("create", "accessrequests", "billing", group: "hoop.dev")));
    }

    [Fact]
    public void A_role_is_granted_only_where_a_binding_of_its_namespace_names_the_user()
    {
        var authorizer = Authorizer(
            """
            {
              "apiVersion": "rbac.authorization.k8s.io/v1",
              "kind": "Role",
              "metadata": { "name": "connection-viewer", "namespace": "payments" },
              "rules": [ { "apiGroups": ["hoop.dev"], "resources": ["connections"], "verbs": ["get", "list"] } ]
            }
            """,
            RoleBinding("payments", "alice-views", "Role", "connection-viewer", "User", "alice"));

        Assert.True(authorizer.Allows(Alice, Request("list", "connections", "payments", group: "hoop.dev")));
        Assert.False(authorizer.Allows(Alice, Request("list", "connections", "staging", group: "hoop.dev")));
        Assert.False(authorizer.Allows(Alice, Request("list", "connections", group: "hoop.dev")));
    }

    [Fact]
    public void A_cluster_role_binding_grants_in_every_namespace_and_cluster_wide()
    {
        var authorizer = Authorizer(
            ClusterRole("hoop-operator", "hoop.dev", "connections, approvalpolicies, accessrequests", "get, list, watch"),
            ClusterRoleBinding("hoop-operator", "hoop-operator", "ServiceAccount", "hoop-operator", "hoop-system"));
        var operatorUser = UserInfo.Named("system:serviceaccount:hoop-system:hoop-operator");

        Assert.True(authorizer.Allows(operatorUser, Request("list", "connections", "payments", group: "hoop.dev")));
        Assert.True(authorizer.Allows(operatorUser, Request("list", "connections", "billing", group: "hoop.dev")));
        Assert.True(authorizer.Allows(operatorUser, Request("watch", "accessrequests", group: "hoop.dev")));
        Assert.False(authorizer.Allows(operatorUser, Request("delete", "accessrequests", "payments", "r1", "hoop.dev")));
    }

    [Fact]
    public void A_role_binding_cannot_grant_non_resource_urls_because_they_have_no_namespace()
    {
        var authorizer = Authorizer(
            """
            {
              "apiVersion": "rbac.authorization.k8s.io/v1",
              "kind": "ClusterRole",
              "metadata": { "name": "health-reader" },
              "rules": [ { "nonResourceURLs": ["/healthz", "/readyz"], "verbs": ["get"] } ]
            }
            """,
            RoleBinding("payments", "alice-health", "ClusterRole", "health-reader", "User", "alice"));

        Assert.False(authorizer.Allows(Alice, Path("get", "/healthz")));
    }

    [Fact]
    public void Objects_that_are_not_rbac_v1_objects_grant_nothing()
    {
        var authorizer = Authorizer(
            """
            {
              "apiVersion": "example.com/v1",
              "kind": "ClusterRole",
              "metadata": { "name": "everything" },
              "rules": [ { "apiGroups": ["*"], "resources": ["*"], "verbs": ["*"] } ]
            }
            """,
            """
            {
              "apiVersion": "v1",
              "kind": "ConfigMap",
              "metadata": { "name": "rbac", "namespace": "payments" },
              "data": { "kind": "ClusterRoleBinding" }
            }
            """,
            ClusterRoleBinding("alice-everything", "everything", "User", "alice"));

        Assert.False(authorizer.Allows(Alice, Request("get", "secrets", "payments", "db")));
    }
}

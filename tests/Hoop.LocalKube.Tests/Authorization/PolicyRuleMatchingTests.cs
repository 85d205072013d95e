using Hoop.LocalKube.Authorization;
using static Hoop.LocalKube.Tests.Authorization.StoredRbac;

namespace Hoop.LocalKube.Tests.Authorization;

public sealed class PolicyRuleMatchingTests
{
    private static readonly UserInfo Bob = UserInfo.Named("bob", "system:authenticated");

    private static RbacAuthorizer BobMay(string rulesJson) => Authorizer(
        $$"""
        {
          "apiVersion": "rbac.authorization.k8s.io/v1",
          "kind": "ClusterRole",
          "metadata": { "name": "bob-rules" },
          "rules": {{rulesJson}}
        }
        """,
        ClusterRoleBinding("bob-rules", "bob-rules", "User", "bob"));

    [Fact]
    public void A_reviewer_bound_by_resource_name_may_approve_only_that_policy()
    {
        var authorizer = Authorizer(
            """
            {
              "apiVersion": "rbac.authorization.k8s.io/v1",
              "kind": "Role",
              "metadata": { "name": "approve-production", "namespace": "payments", "uid": "4f7c2d0e-7a1b-4c55-9e0f-2b6f1d3c8a90", "resourceVersion": "4711", "creationTimestamp": "2025-03-01T10:00:00Z" },
              "rules": [
                { "apiGroups": ["hoop.dev"], "resources": ["approvalpolicies"], "resourceNames": ["production"], "verbs": ["approve"] }
              ]
            }
            """,
            """
            {
              "apiVersion": "rbac.authorization.k8s.io/v1",
              "kind": "RoleBinding",
              "metadata": { "name": "dba-leads-approve-production", "namespace": "payments", "uid": "0d6b8a8e-1f0c-4f0e-a0a4-9b2f5d1e7c33", "resourceVersion": "4712", "creationTimestamp": "2025-03-01T10:00:00Z" },
              "roleRef": { "apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "approve-production" },
              "subjects": [ { "apiGroup": "rbac.authorization.k8s.io", "kind": "Group", "name": "dba-leads" } ]
            }
            """);
        var carol = UserInfo.Named("carol", "system:authenticated", "dba-leads");

        Assert.True(authorizer.Allows(carol, Approve("payments", "production")));
        Assert.False(authorizer.Allows(carol, Approve("payments", "staging")));
        Assert.False(authorizer.Allows(carol, Approve("payments", "")));
        Assert.False(authorizer.Allows(carol, Approve("billing", "production")));
    }

    [Fact]
    public void A_rule_with_resource_names_never_matches_a_request_that_names_no_object()
    {
        var authorizer = BobMay("""
            [ { "apiGroups": ["hoop.dev"], "resources": ["approvalpolicies"], "resourceNames": ["production"], "verbs": ["*"] } ]
            """);

        Assert.True(authorizer.Allows(Bob, Request("get", "approvalpolicies", "payments", "production", "hoop.dev")));
        Assert.False(authorizer.Allows(Bob, Request("list", "approvalpolicies", "payments", group: "hoop.dev")));
        Assert.False(authorizer.Allows(Bob, Request("watch", "approvalpolicies", "payments", group: "hoop.dev")));
        Assert.False(authorizer.Allows(Bob, Request("create", "approvalpolicies", "payments", group: "hoop.dev")));
    }

    [Fact]
    public void The_custom_verb_approve_grants_approving_and_nothing_else()
    {
        var authorizer = BobMay("""
            [ { "apiGroups": ["hoop.dev"], "resources": ["approvalpolicies"], "verbs": ["approve"] } ]
            """);

        Assert.True(authorizer.Allows(Bob, Approve("payments", "production")));
        Assert.True(authorizer.Allows(Bob, Approve("billing", "staging")));
        Assert.False(authorizer.Allows(Bob, Request("get", "approvalpolicies", "payments", "production", "hoop.dev")));
        Assert.False(authorizer.Allows(Bob, Request("update", "approvalpolicies", "payments", "production", "hoop.dev")));
        Assert.False(authorizer.Allows(Bob, Request("Approve", "approvalpolicies", "payments", "production", "hoop.dev")));
        Assert.False(authorizer.Allows(Bob, Request("approve", "accessrequests", "payments", "production", "hoop.dev")));
    }

    [Fact]
    public void A_wildcard_verb_grants_every_verb_including_custom_ones()
    {
        var authorizer = BobMay("""
            [ { "apiGroups": ["hoop.dev"], "resources": ["approvalpolicies"], "verbs": ["*"] } ]
            """);

        foreach (var verb in new[] { "get", "list", "watch", "create", "update", "patch", "delete", "deletecollection", "approve", "escalate" })
        {
            Assert.True(authorizer.Allows(Bob, Request(verb, "approvalpolicies", "payments", "production", "hoop.dev")), verb);
        }
        Assert.False(authorizer.Allows(Bob, Request("get", "connections", "payments", "orders-db", "hoop.dev")));
    }

    [Fact]
    public void A_wildcard_resource_grants_every_resource_and_subresource_of_the_listed_group()
    {
        var authorizer = BobMay("""
            [ { "apiGroups": ["hoop.dev"], "resources": ["*"], "verbs": ["get"] } ]
            """);

        Assert.True(authorizer.Allows(Bob, Request("get", "connections", "payments", "orders-db", "hoop.dev")));
        Assert.True(authorizer.Allows(Bob, Request("get", "accessrequests", "payments", "r1", "hoop.dev", "status")));
        Assert.False(authorizer.Allows(Bob, Request("get", "secrets", "payments", "orders-db-credentials")));
        Assert.False(authorizer.Allows(Bob, Request("list", "connections", "payments", group: "hoop.dev")));
    }

    [Fact]
    public void A_wildcard_group_grants_the_resource_in_every_group()
    {
        var authorizer = BobMay("""
            [ { "apiGroups": ["*"], "resources": ["leases"], "verbs": ["get"] } ]
            """);

        Assert.True(authorizer.Allows(Bob, Request("get", "leases", "hoop-system", "hoop-operator", "coordination.k8s.io")));
        Assert.True(authorizer.Allows(Bob, Request("get", "leases", "hoop-system", "hoop-operator", "example.com")));
        Assert.True(authorizer.Allows(Bob, Request("get", "leases", "hoop-system", "hoop-operator")));
        Assert.False(authorizer.Allows(Bob, Request("get", "pods", "hoop-system", "hoop-operator-0")));
    }

    [Fact]
    public void The_empty_group_is_the_core_group_and_nothing_else()
    {
        var authorizer = BobMay("""
            [ { "apiGroups": [""], "resources": ["secrets", "events"], "verbs": ["get"] } ]
            """);

        Assert.True(authorizer.Allows(Bob, Request("get", "secrets", "payments", "orders-db-credentials")));
        Assert.False(authorizer.Allows(Bob, Request("get", "events", "payments", "e1", "events.k8s.io")));
    }

    [Fact]
    public void Everything_wildcards_together_grant_every_resource_request()
    {
        var authorizer = BobMay("""
            [ { "apiGroups": ["*"], "resources": ["*"], "verbs": ["*"] } ]
            """);

        Assert.True(authorizer.Allows(Bob, Request("delete", "customresourcedefinitions", name: "connections.hoop.dev", group: "apiextensions.k8s.io")));
        Assert.True(authorizer.Allows(Bob, Request("patch", "accessrequests", "payments", "r1", "hoop.dev", "status")));
        Assert.False(authorizer.Allows(Bob, Path("get", "/healthz")));
    }

    [Fact]
    public void A_status_subresource_grant_does_not_grant_the_resource_itself()
    {
        var authorizer = BobMay("""
            [ { "apiGroups": ["hoop.dev"], "resources": ["accessrequests/status"], "verbs": ["get", "patch", "update"] } ]
            """);

        Assert.True(authorizer.Allows(Bob, Request("patch", "accessrequests", "payments", "r1", "hoop.dev", "status")));
        Assert.False(authorizer.Allows(Bob, Request("patch", "accessrequests", "payments", "r1", "hoop.dev")));
        Assert.False(authorizer.Allows(Bob, Request("patch", "connections", "payments", "orders-db", "hoop.dev", "status")));
    }

    [Fact]
    public void A_resource_grant_does_not_grant_its_subresources()
    {
        var authorizer = BobMay("""
            [ { "apiGroups": ["hoop.dev"], "resources": ["accessrequests"], "verbs": ["patch"] } ]
            """);

        Assert.True(authorizer.Allows(Bob, Request("patch", "accessrequests", "payments", "r1", "hoop.dev")));
        Assert.False(authorizer.Allows(Bob, Request("patch", "accessrequests", "payments", "r1", "hoop.dev", "status")));
    }

    [Fact]
    public void A_star_slash_subresource_grants_that_subresource_of_every_resource_only()
    {
        var authorizer = BobMay("""
            [ { "apiGroups": ["hoop.dev"], "resources": ["*/status"], "verbs": ["update"] } ]
            """);

        Assert.True(authorizer.Allows(Bob, Request("update", "accessrequests", "payments", "r1", "hoop.dev", "status")));
        Assert.True(authorizer.Allows(Bob, Request("update", "connections", "payments", "orders-db", "hoop.dev", "status")));
        Assert.False(authorizer.Allows(Bob, Request("update", "connections", "payments", "orders-db", "hoop.dev")));
        Assert.False(authorizer.Allows(Bob, Request("update", "connections", "payments", "orders-db", "hoop.dev", "scale")));
        Assert.False(authorizer.Allows(Bob, Request("update", "connections", "payments", "orders-db", "hoop.dev", "xstatus")));
    }

    [Fact]
    public void Each_rule_is_matched_on_its_own_so_fields_of_different_rules_do_not_combine()
    {
        var authorizer = BobMay("""
            [
              { "apiGroups": ["hoop.dev"], "resources": ["connections"], "verbs": ["get"] },
              { "apiGroups": ["hoop.dev"], "resources": ["accessrequests"], "verbs": ["delete"] }
            ]
            """);

        Assert.True(authorizer.Allows(Bob, Request("get", "connections", "payments", "orders-db", "hoop.dev")));
        Assert.True(authorizer.Allows(Bob, Request("delete", "accessrequests", "payments", "r1", "hoop.dev")));
        Assert.False(authorizer.Allows(Bob, Request("delete", "connections", "payments", "orders-db", "hoop.dev")));
        Assert.False(authorizer.Allows(Bob, Request("get", "accessrequests", "payments", "r1", "hoop.dev")));
    }

    [Fact]
    public void Non_resource_urls_match_exactly_or_by_a_trailing_star_prefix()
    {
        var authorizer = BobMay("""
            [ { "nonResourceURLs": ["/healthz", "/apis/*", "/openapi/v3*"], "verbs": ["get"] } ]
            """);

        Assert.True(authorizer.Allows(Bob, Path("get", "/healthz")));
        Assert.False(authorizer.Allows(Bob, Path("get", "/healthz/etcd")));
        Assert.True(authorizer.Allows(Bob, Path("get", "/apis/hoop.dev/v1alpha1")));
        Assert.True(authorizer.Allows(Bob, Path("get", "/apis/")));
        Assert.False(authorizer.Allows(Bob, Path("get", "/apis")));
        Assert.True(authorizer.Allows(Bob, Path("get", "/openapi/v3")));
        Assert.True(authorizer.Allows(Bob, Path("get", "/openapi/v3/apis/hoop.dev/v1alpha1")));
        Assert.False(authorizer.Allows(Bob, Path("post", "/healthz")));
        Assert.False(authorizer.Allows(Bob, Path("get", "/version")));
    }

    [Fact]
    public void A_lone_star_non_resource_url_grants_every_path_but_no_resource()
    {
        var authorizer = BobMay("""
            [ { "nonResourceURLs": ["*"], "verbs": ["*"] } ]
            """);

        Assert.True(authorizer.Allows(Bob, Path("get", "/version")));
        Assert.True(authorizer.Allows(Bob, Path("post", "/logs/kube-apiserver.log")));
        Assert.False(authorizer.Allows(Bob, Request("get", "secrets", "payments", "orders-db-credentials")));
    }
}

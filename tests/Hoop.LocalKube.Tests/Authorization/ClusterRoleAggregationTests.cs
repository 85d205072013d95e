using Hoop.LocalKube.Authorization;
using static Hoop.LocalKube.Tests.Authorization.StoredRbac;

namespace Hoop.LocalKube.Tests.Authorization;

public sealed class ClusterRoleAggregationTests
{
    // The bootstrap roles as a cluster stores them before the aggregation controller has run.
    private const string Admin = """
        {
          "apiVersion": "rbac.authorization.k8s.io/v1",
          "kind": "ClusterRole",
          "metadata": {
            "name": "admin",
            "labels": { "kubernetes.io/bootstrapping": "rbac-defaults" },
            "annotations": { "rbac.authorization.kubernetes.io/autoupdate": "true" }
          },
          "aggregationRule": {
            "clusterRoleSelectors": [ { "matchLabels": { "rbac.authorization.k8s.io/aggregate-to-admin": "true" } } ]
          },
          "rules": null
        }
        """;

    private const string Edit = """
        {
          "apiVersion": "rbac.authorization.k8s.io/v1",
          "kind": "ClusterRole",
          "metadata": {
            "name": "edit",
            "labels": { "kubernetes.io/bootstrapping": "rbac-defaults", "rbac.authorization.k8s.io/aggregate-to-admin": "true" }
          },
          "aggregationRule": {
            "clusterRoleSelectors": [ { "matchLabels": { "rbac.authorization.k8s.io/aggregate-to-edit": "true" } } ]
          }
        }
        """;

    // What the chart ships so that namespace admins may approve their namespace's policies.
    private const string HoopApprover = """
        {
          "apiVersion": "rbac.authorization.k8s.io/v1",
          "kind": "ClusterRole",
          "metadata": {
            "name": "hoop-approver",
            "labels": { "app.kubernetes.io/name": "hoop", "rbac.authorization.k8s.io/aggregate-to-admin": "true" }
          },
          "rules": [
            { "apiGroups": ["hoop.dev"], "resources": ["approvalpolicies"], "verbs": ["approve"] },
            { "apiGroups": ["hoop.dev"], "resources": ["accessrequests/status"], "verbs": ["patch"] }
          ]
        }
        """;

    private const string HoopEditor = """
        {
          "apiVersion": "rbac.authorization.k8s.io/v1",
          "kind": "ClusterRole",
          "metadata": {
            "name": "hoop-editor",
            "labels": { "app.kubernetes.io/name": "hoop", "rbac.authorization.k8s.io/aggregate-to-edit": "true" }
          },
          "rules": [ { "apiGroups": ["hoop.dev"], "resources": ["accessrequests"], "verbs": ["create", "get", "list", "watch"] } ]
        }
        """;

    private static readonly UserInfo Alice = UserInfo.Named("alice", "system:authenticated");

    [Fact]
    public void A_namespace_admin_may_approve_there_through_the_aggregated_hoop_approver()
    {
        var authorizer = Authorizer(Admin, Edit, HoopApprover, HoopEditor,
            RoleBinding("payments", "alice-admin", "ClusterRole", "admin", "User", "alice"));

        var decision = authorizer.Authorize(Alice, Approve("payments", "production"));

        Assert.True(decision.Allowed);
        Assert.Equal("RBAC: allowed by RoleBinding \"alice-admin/payments\" of ClusterRole \"admin\" to User \"alice\"", decision.Reason);
        Assert.True(authorizer.Allows(Alice, Request("patch", "accessrequests", "payments", "r1", "hoop.dev", "status")));
        Assert.False(authorizer.Allows(Alice, Approve("billing", "production")));
    }

    [Fact]
    public void Aggregation_carries_rules_through_aggregated_roles_that_aggregate_too()
    {
        var authorizer = Authorizer(Admin, Edit, HoopApprover, HoopEditor,
            RoleBinding("payments", "alice-admin", "ClusterRole", "admin", "User", "alice"),
            RoleBinding("payments", "bob-edit", "ClusterRole", "edit", "User", "bob"));
        var bob = UserInfo.Named("bob");
        var create = Request("create", "accessrequests", "payments", group: "hoop.dev");

        Assert.True(authorizer.Allows(Alice, create));
        Assert.True(authorizer.Allows(bob, create));
        Assert.False(authorizer.Allows(bob, Approve("payments", "production")));
    }

    [Fact]
    public void Roles_outside_the_selectors_are_not_aggregated()
    {
        var authorizer = Authorizer(Admin, HoopEditor,
            RoleBinding("payments", "alice-admin", "ClusterRole", "admin", "User", "alice"));

        Assert.False(authorizer.Allows(Alice, Request("create", "accessrequests", "payments", group: "hoop.dev")));
    }

    [Fact]
    public void The_rules_stored_in_an_aggregated_role_are_replaced_by_what_it_aggregates()
    {
        var authorizer = Authorizer(
            """
            {
              "apiVersion": "rbac.authorization.k8s.io/v1",
              "kind": "ClusterRole",
              "metadata": { "name": "hoop-approvers" },
              "aggregationRule": { "clusterRoleSelectors": [ { "matchLabels": { "hoop.dev/aggregate-to-approvers": "true" } } ] },
              "rules": [ { "apiGroups": [""], "resources": ["secrets"], "verbs": ["get"] } ]
            }
            """,
            HoopApprover.Replace("\"rbac.authorization.k8s.io/aggregate-to-admin\"", "\"hoop.dev/aggregate-to-approvers\"", StringComparison.Ordinal),
            ClusterRoleBinding("alice-approves", "hoop-approvers", "User", "alice"));

        Assert.True(authorizer.Allows(Alice, Approve("payments", "production")));
        Assert.False(authorizer.Allows(Alice, Request("get", "secrets", "payments", "orders-db-credentials")));
    }

    [Fact]
    public void Match_expressions_select_cluster_roles_by_set_based_requirements()
    {
        var authorizer = Authorizer(
            """
            {
              "apiVersion": "rbac.authorization.k8s.io/v1",
              "kind": "ClusterRole",
              "metadata": { "name": "hoop-reviewers" },
              "aggregationRule": {
                "clusterRoleSelectors": [ {
                  "matchExpressions": [
                    { "key": "hoop.dev/aggregate-to", "operator": "In", "values": ["reviewers", "approvers"] },
                    { "key": "hoop.dev/tier", "operator": "NotIn", "values": ["experimental"] },
                    { "key": "app.kubernetes.io/name", "operator": "Exists" },
                    { "key": "hoop.dev/deprecated", "operator": "DoesNotExist" }
                  ]
                } ]
              }
            }
            """,
            Labelled("approve-policies", """{ "hoop.dev/aggregate-to": "approvers", "app.kubernetes.io/name": "hoop" }""", "approvalpolicies", "approve"),
            Labelled("read-requests", """{ "hoop.dev/aggregate-to": "reviewers", "hoop.dev/tier": "stable", "app.kubernetes.io/name": "hoop" }""", "accessrequests", "get"),
            Labelled("experimental", """{ "hoop.dev/aggregate-to": "reviewers", "hoop.dev/tier": "experimental", "app.kubernetes.io/name": "hoop" }""", "connections", "get"),
            Labelled("unnamed", """{ "hoop.dev/aggregate-to": "reviewers" }""", "connections", "list"),
            Labelled("deprecated", """{ "hoop.dev/aggregate-to": "approvers", "app.kubernetes.io/name": "hoop", "hoop.dev/deprecated": "" }""", "connections", "delete"),
            Labelled("other", """{ "hoop.dev/aggregate-to": "requesters", "app.kubernetes.io/name": "hoop" }""", "accessrequests", "create"),
            ClusterRoleBinding("alice-reviews", "hoop-reviewers", "User", "alice"));

        Assert.True(authorizer.Allows(Alice, Approve("payments", "production")));
        Assert.True(authorizer.Allows(Alice, Request("get", "accessrequests", "payments", "r1", "hoop.dev")));
        Assert.False(authorizer.Allows(Alice, Request("get", "connections", "payments", "orders-db", "hoop.dev")));
        Assert.False(authorizer.Allows(Alice, Request("list", "connections", "payments", group: "hoop.dev")));
        Assert.False(authorizer.Allows(Alice, Request("delete", "connections", "payments", "orders-db", "hoop.dev")));
        Assert.False(authorizer.Allows(Alice, Request("create", "accessrequests", "payments", group: "hoop.dev")));
    }

    [Fact]
    public void Any_one_of_several_selectors_is_enough_to_aggregate_a_role()
    {
        var authorizer = Authorizer(
            """
            {
              "apiVersion": "rbac.authorization.k8s.io/v1",
              "kind": "ClusterRole",
              "metadata": { "name": "hoop-reviewers" },
              "aggregationRule": {
                "clusterRoleSelectors": [
                  { "matchLabels": { "hoop.dev/aggregate-to": "approvers" } },
                  { "matchLabels": { "hoop.dev/aggregate-to": "readers" } }
                ]
              }
            }
            """,
            Labelled("approve-policies", """{ "hoop.dev/aggregate-to": "approvers" }""", "approvalpolicies", "approve"),
            Labelled("read-requests", """{ "hoop.dev/aggregate-to": "readers" }""", "accessrequests", "get"),
            ClusterRoleBinding("alice-reviews", "hoop-reviewers", "User", "alice"));

        Assert.True(authorizer.Allows(Alice, Approve("payments", "production")));
        Assert.True(authorizer.Allows(Alice, Request("get", "accessrequests", "payments", "r1", "hoop.dev")));
    }

    [Fact]
    public void Cluster_roles_that_aggregate_each_other_share_what_either_selects()
    {
        var authorizer = Authorizer(
            """
            {
              "apiVersion": "rbac.authorization.k8s.io/v1",
              "kind": "ClusterRole",
              "metadata": { "name": "ring-a", "labels": { "ring": "b" } },
              "aggregationRule": { "clusterRoleSelectors": [ { "matchLabels": { "ring": "a" } } ] }
            }
            """,
            """
            {
              "apiVersion": "rbac.authorization.k8s.io/v1",
              "kind": "ClusterRole",
              "metadata": { "name": "ring-b", "labels": { "ring": "a" } },
              "aggregationRule": { "clusterRoleSelectors": [ { "matchLabels": { "ring": "b" } } ] }
            }
            """,
            Labelled("approve-policies", """{ "ring": "a" }""", "approvalpolicies", "approve"),
            Labelled("read-requests", """{ "ring": "b" }""", "accessrequests", "get"),
            ClusterRoleBinding("alice-ring-a", "ring-a", "User", "alice"));

        Assert.True(authorizer.Allows(Alice, Approve("payments", "production")));
        Assert.True(authorizer.Allows(Alice, Request("get", "accessrequests", "payments", "r1", "hoop.dev")));
    }

    [Fact]
    public void Namespaced_roles_are_never_aggregated_even_when_their_labels_match()
    {
        var authorizer = Authorizer(Admin,
            """
            {
              "apiVersion": "rbac.authorization.k8s.io/v1",
              "kind": "Role",
              "metadata": { "name": "approve-here", "namespace": "payments", "labels": { "rbac.authorization.k8s.io/aggregate-to-admin": "true" } },
              "rules": [ { "apiGroups": ["hoop.dev"], "resources": ["approvalpolicies"], "verbs": ["approve"] } ]
            }
            """,
            RoleBinding("payments", "alice-admin", "ClusterRole", "admin", "User", "alice"));

        Assert.False(authorizer.Allows(Alice, Approve("payments", "production")));
    }

    [Fact]
    public void A_selector_kubernetes_would_refuse_selects_nothing()
    {
        var authorizer = Authorizer(
            """
            {
              "apiVersion": "rbac.authorization.k8s.io/v1",
              "kind": "ClusterRole",
              "metadata": { "name": "hoop-reviewers" },
              "aggregationRule": {
                "clusterRoleSelectors": [ { "matchExpressions": [ { "key": "hoop.dev/aggregate-to", "operator": "In", "values": [] } ] } ]
              }
            }
            """,
            Labelled("approve-policies", """{ "hoop.dev/aggregate-to": "approvers" }""", "approvalpolicies", "approve"),
            ClusterRoleBinding("alice-reviews", "hoop-reviewers", "User", "alice"));

        Assert.False(authorizer.Allows(Alice, Approve("payments", "production")));
    }

    private static string Labelled(string name, string labels, string resource, string verb) => $$"""
        {
          "apiVersion": "rbac.authorization.k8s.io/v1",
          "kind": "ClusterRole",
          "metadata": { "name": "{{name}}", "labels": {{labels}} },
          "rules": [ { "apiGroups": ["hoop.dev"], "resources": ["{{resource}}"], "verbs": ["{{verb}}"] } ]
        }
        """;
}

using Hoop.LocalKube.Authorization;
using static Hoop.LocalKube.Tests.Authorization.StoredRbac;

namespace Hoop.LocalKube.Tests.Authorization;

public sealed class RbacDecisionReasonTests
{
    private static readonly string Approver = ClusterRole("hoop-approver", "hoop.dev", "approvalpolicies", "approve");

    [Fact]
    public void An_allowed_request_names_the_cluster_role_binding_its_role_and_the_user()
    {
        var authorizer = Authorizer(Approver, ClusterRoleBinding("bob-approves", "hoop-approver", "User", "bob"));

        var decision = authorizer.Authorize(UserInfo.Named("bob"), Approve("payments", "production"));

        Assert.Equal(new AuthorizationDecision(true, "RBAC: allowed by ClusterRoleBinding \"bob-approves\" of ClusterRole \"hoop-approver\" to User \"bob\"", null), decision);
    }

    [Fact]
    public void An_allowed_request_names_a_role_binding_with_its_namespace_and_the_group()
    {
        var authorizer = Authorizer(Approver, RoleBinding("payments", "dba-leads-approve", "ClusterRole", "hoop-approver", "Group", "dba-leads"));

        var decision = authorizer.Authorize(UserInfo.Named("carol", "dba-leads"), Approve("payments", "production"));

        Assert.Equal("RBAC: allowed by RoleBinding \"dba-leads-approve/payments\" of ClusterRole \"hoop-approver\" to Group \"dba-leads\"", decision.Reason);
    }

    [Fact]
    public void A_service_account_reads_name_then_namespace_as_the_real_server_writes_it()
    {
        var authorizer = Authorizer(
            Approver,
            RoleBinding("payments", "gateway-approves", "ClusterRole", "hoop-approver", "ServiceAccount", "orders-db-gateway"),
            ClusterRoleBinding("operator-approves", "hoop-approver", "ServiceAccount", "hoop-operator", "hoop-system"));

        var viaRoleBinding = authorizer.Authorize(UserInfo.Named("system:serviceaccount:payments:orders-db-gateway"), Approve("payments", "production"));
        var viaClusterRoleBinding = authorizer.Authorize(UserInfo.Named("system:serviceaccount:hoop-system:hoop-operator"), Approve("payments", "production"));

        Assert.Equal("RBAC: allowed by RoleBinding \"gateway-approves/payments\" of ClusterRole \"hoop-approver\" to ServiceAccount \"orders-db-gateway/payments\"", viaRoleBinding.Reason);
        Assert.Equal("RBAC: allowed by ClusterRoleBinding \"operator-approves\" of ClusterRole \"hoop-approver\" to ServiceAccount \"hoop-operator/hoop-system\"", viaClusterRoleBinding.Reason);
    }

    [Fact]
    public void Cluster_role_bindings_are_consulted_before_role_bindings()
    {
        var authorizer = Authorizer(
            Approver,
            RoleBinding("payments", "bob-approves-here", "ClusterRole", "hoop-approver", "User", "bob"),
            ClusterRoleBinding("bob-approves-everywhere", "hoop-approver", "User", "bob"));

        var decision = authorizer.Authorize(UserInfo.Named("bob"), Approve("payments", "production"));

        Assert.Contains("ClusterRoleBinding \"bob-approves-everywhere\"", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_with_quotes_or_control_characters_are_escaped_as_go_quotes_them()
    {
        var authorizer = Authorizer(Approver, """
            {
              "apiVersion": "rbac.authorization.k8s.io/v1",
              "kind": "ClusterRoleBinding",
              "metadata": { "name": "odd-approver" },
              "roleRef": { "apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "hoop-approver" },
              "subjects": [ { "apiGroup": "rbac.authorization.k8s.io", "kind": "User", "name": "o\"neil\\\tjr\u00e9" } ]
            }
            """);

        var decision = authorizer.Authorize(UserInfo.Named("o\"neil\\\tjré"), Approve("payments", "production"));

        Assert.Equal("RBAC: allowed by ClusterRoleBinding \"odd-approver\" of ClusterRole \"hoop-approver\" to User \"o\\\"neil\\\\\\tjré\"", decision.Reason);
    }

    [Fact]
    public void A_denied_request_has_no_reason_and_no_evaluation_error()
    {
        var authorizer = Authorizer(Approver, ClusterRoleBinding("bob-approves", "hoop-approver", "User", "bob"));

        Assert.Equal(new AuthorizationDecision(false, "", null), authorizer.Authorize(UserInfo.Named("mallory"), Approve("payments", "production")));
        Assert.Equal(new AuthorizationDecision(false, "", null), authorizer.Authorize(UserInfo.Named("bob"), Path("get", "/healthz")));
    }

    [Fact]
    public void Members_of_system_masters_are_allowed_everything_without_any_binding()
    {
        var authorizer = Authorizer();
        var admin = UserInfo.Named("kubernetes-admin", "system:masters", "system:authenticated");

        Assert.Equal(new AuthorizationDecision(true, "", null), authorizer.Authorize(admin, Approve("payments", "production")));
        Assert.True(authorizer.Allows(admin, Request("delete", "customresourcedefinitions", name: "accessrequests.hoop.dev", group: "apiextensions.k8s.io")));
        Assert.True(authorizer.Allows(admin, Path("get", "/metrics")));
        Assert.False(authorizer.Allows(UserInfo.Named("system:masters"), Path("get", "/metrics")));
    }

    [Fact]
    public void A_binding_to_a_missing_cluster_role_is_skipped_and_named_in_the_denial()
    {
        var authorizer = Authorizer(ClusterRoleBinding("bob-approves", "hoop-approver", "User", "bob"));

        var decision = authorizer.Authorize(UserInfo.Named("bob"), Approve("payments", "production"));

        Assert.Equal(new AuthorizationDecision(false, "RBAC: clusterrole.rbac.authorization.k8s.io \"hoop-approver\" not found", null), decision);
    }

    [Fact]
    public void A_role_binding_to_a_role_of_another_namespace_finds_no_role()
    {
        var authorizer = Authorizer(
            """
            {
              "apiVersion": "rbac.authorization.k8s.io/v1",
              "kind": "Role",
              "metadata": { "name": "approve-production", "namespace": "billing" },
              "rules": [ { "apiGroups": ["hoop.dev"], "resources": ["approvalpolicies"], "verbs": ["approve"] } ]
            }
            """,
            RoleBinding("payments", "bob-approves", "Role", "approve-production", "User", "bob"));

        var decision = authorizer.Authorize(UserInfo.Named("bob"), Approve("payments", "production"));

        Assert.False(decision.Allowed);
        Assert.Equal("RBAC: role.rbac.authorization.k8s.io \"approve-production\" not found", decision.Reason);
    }

    [Fact]
    public void A_missing_role_does_not_hide_a_binding_that_does_allow()
    {
        var authorizer = Authorizer(
            Approver,
            ClusterRoleBinding("bob-stale", "hoop-approver-v0", "User", "bob"),
            ClusterRoleBinding("bob-approves", "hoop-approver", "User", "bob"));

        var decision = authorizer.Authorize(UserInfo.Named("bob"), Approve("payments", "production"));

        Assert.True(decision.Allowed);
        Assert.Equal("RBAC: allowed by ClusterRoleBinding \"bob-approves\" of ClusterRole \"hoop-approver\" to User \"bob\"", decision.Reason);
    }

    [Fact]
    public void Several_missing_roles_are_listed_once_each_in_brackets()
    {
        var authorizer = Authorizer(
            ClusterRoleBinding("bob-a", "gone-a", "User", "bob"),
            ClusterRoleBinding("bob-a-again", "gone-a", "Group", "approvers"),
            RoleBinding("payments", "bob-b", "Role", "gone-b", "User", "bob"),
            """
            {
              "apiVersion": "rbac.authorization.k8s.io/v1",
              "kind": "RoleBinding",
              "metadata": { "name": "bob-c", "namespace": "payments" },
              "roleRef": { "apiGroup": "rbac.authorization.k8s.io", "kind": "Policy", "name": "gone-c" },
              "subjects": [ { "apiGroup": "rbac.authorization.k8s.io", "kind": "User", "name": "bob" } ]
            }
            """);

        var decision = authorizer.Authorize(UserInfo.Named("bob", "approvers"), Approve("payments", "production"));

        Assert.Equal(
            "RBAC: [clusterrole.rbac.authorization.k8s.io \"gone-a\" not found, role.rbac.authorization.k8s.io \"gone-b\" not found, unsupported role reference kind: \"Policy\"]",
            decision.Reason);
    }

    [Fact]
    public void Missing_roles_of_bindings_that_do_not_name_the_user_are_not_reported()
    {
        var authorizer = Authorizer(
            ClusterRoleBinding("alice-stale", "gone", "User", "alice"),
            RoleBinding("billing", "bob-stale", "ClusterRole", "gone", "User", "bob"));

        Assert.Equal("", authorizer.Authorize(UserInfo.Named("bob"), Approve("payments", "production")).Reason);
    }
}

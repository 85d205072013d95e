using Hoop.LocalKube.Authorization;
using static Hoop.LocalKube.Tests.Authorization.StoredRbac;

namespace Hoop.LocalKube.Tests.Authorization;

public sealed class RbacSubjectTests
{
    private static readonly string AccessRequestReader = ClusterRole("hoop-request-reader", "hoop.dev", "accessrequests", "get, list, watch");

    [Fact]
    public void A_user_subject_grants_only_the_user_with_that_exact_name()
    {
        var authorizer = Authorizer(AccessRequestReader, ClusterRoleBinding("alice-reads", "hoop-request-reader", "User", "alice"));
        var list = Request("list", "accessrequests", "payments", group: "hoop.dev");

        Assert.True(authorizer.Allows(UserInfo.Named("alice"), list));
        Assert.False(authorizer.Allows(UserInfo.Named("bob"), list));
        Assert.False(authorizer.Allows(UserInfo.Named("Alice"), list));
    }

    [Fact]
    public void A_group_subject_grants_every_member_of_the_group()
    {
        var authorizer = Authorizer(AccessRequestReader, ClusterRoleBinding("dba-leads-read", "hoop-request-reader", "Group", "dba-leads"));
        var get = Request("get", "accessrequests", "payments", "add-shipped-at", "hoop.dev");

        Assert.True(authorizer.Allows(UserInfo.Named("carol", "system:authenticated", "dba-leads"), get));
        Assert.False(authorizer.Allows(UserInfo.Named("dave", "system:authenticated", "developers"), get));
    }

    [Fact]
    public void A_group_subject_does_not_grant_a_user_who_is_merely_named_like_the_group()
    {
        var authorizer = Authorizer(AccessRequestReader, ClusterRoleBinding("dba-leads-read", "hoop-request-reader", "Group", "dba-leads"));

        Assert.False(authorizer.Allows(UserInfo.Named("dba-leads"), Request("list", "accessrequests", "payments", group: "hoop.dev")));
    }

    [Fact]
    public void A_service_account_subject_grants_the_username_its_tokens_authenticate_as()
    {
        var authorizer = Authorizer(
            AccessRequestReader,
            ClusterRoleBinding("operator-reads", "hoop-request-reader", "ServiceAccount", "hoop-operator", "hoop-system"));
        var watch = Request("watch", "accessrequests", group: "hoop.dev");

        Assert.True(authorizer.Allows(UserInfo.Named(UserInfo.ServiceAccountUsername("hoop-system", "hoop-operator"), "system:serviceaccounts"), watch));
        Assert.True(authorizer.Allows(UserInfo.Named("system:serviceaccount:hoop-system:hoop-operator"), watch));
        Assert.False(authorizer.Allows(UserInfo.Named("system:serviceaccount:payments:hoop-operator"), watch));
        Assert.False(authorizer.Allows(UserInfo.Named("hoop-operator"), watch));
    }

    [Fact]
    public void A_service_account_without_namespace_in_a_role_binding_is_the_one_of_the_binding_namespace()
    {
        var authorizer = Authorizer(
            AccessRequestReader,
            RoleBinding("payments", "gateway-reads", "ClusterRole", "hoop-request-reader", "ServiceAccount", "orders-db-gateway"));
        var get = Request("get", "accessrequests", "payments", "add-shipped-at", "hoop.dev");

        Assert.True(authorizer.Allows(UserInfo.Named("system:serviceaccount:payments:orders-db-gateway"), get));
        Assert.False(authorizer.Allows(UserInfo.Named("system:serviceaccount:hoop-system:orders-db-gateway"), get));
    }

    [Fact]
    public void A_service_account_without_namespace_in_a_cluster_role_binding_grants_nobody()
    {
        var authorizer = Authorizer(
            AccessRequestReader,
            ClusterRoleBinding("gateway-reads", "hoop-request-reader", "ServiceAccount", "orders-db-gateway"));
        var get = Request("get", "accessrequests", "payments", "add-shipped-at", "hoop.dev");

        Assert.False(authorizer.Allows(UserInfo.Named("system:serviceaccount:payments:orders-db-gateway"), get));
        Assert.False(authorizer.Allows(UserInfo.Named("system:serviceaccount::orders-db-gateway"), get));
    }

    [Fact]
    public void A_subject_of_an_unknown_kind_grants_nobody()
    {
        var authorizer = Authorizer(AccessRequestReader, ClusterRoleBinding("robots-read", "hoop-request-reader", "Robot", "alice"));

        Assert.False(authorizer.Allows(UserInfo.Named("alice", "Robot"), Request("list", "accessrequests", group: "hoop.dev")));
    }

    [Fact]
    public void Any_one_of_several_subjects_of_a_binding_is_enough()
    {
        var authorizer = Authorizer(AccessRequestReader, """
            {
              "apiVersion": "rbac.authorization.k8s.io/v1",
              "kind": "ClusterRoleBinding",
              "metadata": { "name": "hoop-readers" },
              "roleRef": { "apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "hoop-request-reader" },
              "subjects": [
                { "apiGroup": "rbac.authorization.k8s.io", "kind": "User", "name": "alice" },
                { "apiGroup": "rbac.authorization.k8s.io", "kind": "Group", "name": "sre-oncall" },
                { "kind": "ServiceAccount", "name": "hoop-kubectl", "namespace": "tools" }
              ]
            }
            """);
        var list = Request("list", "accessrequests", "payments", group: "hoop.dev");

        Assert.True(authorizer.Allows(UserInfo.Named("alice"), list));
        Assert.True(authorizer.Allows(UserInfo.Named("erin", "sre-oncall"), list));
        Assert.True(authorizer.Allows(UserInfo.Named("system:serviceaccount:tools:hoop-kubectl"), list));
        Assert.False(authorizer.Allows(UserInfo.Named("frank", "developers"), list));
    }
}

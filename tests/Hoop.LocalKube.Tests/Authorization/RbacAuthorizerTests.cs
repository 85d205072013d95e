using System.Text.Json.Nodes;
using Hoop.LocalKube.Authorization;

namespace Hoop.LocalKube.Tests.Authorization;

public sealed class RbacAuthorizerTests
{
    private static readonly UserInfo Bob = new("bob", "uid-bob", ["dba-leads", "system:authenticated"]);
    private static readonly UserInfo Alice = new("alice", "uid-alice", ["developers", "system:authenticated"]);
    private static readonly UserInfo Robot = new("system:serviceaccount:payments:robot", "uid-robot", ["system:serviceaccounts", "system:authenticated"]);

    private static readonly Dictionary<string, List<JsonObject>> Objects = new()
    {
        ["rbac.authorization.k8s.io/clusterroles"] =
        [
            Parse("""{"metadata":{"name":"hoop-approver","labels":{"rbac.example.com/aggregate-to-reviewer":"true"}},"rules":[{"apiGroups":["hoop.dev"],"resources":["approvalpolicies"],"verbs":["approve"]}]}"""),
            Parse("""{"metadata":{"name":"reviewer"},"aggregationRule":{"clusterRoleSelectors":[{"matchLabels":{"rbac.example.com/aggregate-to-reviewer":"true"}}]}}"""),
            Parse("""{"metadata":{"name":"status-writer"},"rules":[{"apiGroups":["hoop.dev"],"resources":["accessrequests/status"],"verbs":["patch","update"]}]}"""),
        ],
        ["rbac.authorization.k8s.io/clusterrolebindings"] =
        [
            Parse("""{"metadata":{"name":"robots-write-status"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"status-writer"},"subjects":[{"kind":"ServiceAccount","name":"robot","namespace":"payments"}]}"""),
        ],
        ["rbac.authorization.k8s.io/roles"] =
        [
            Parse("""{"metadata":{"name":"approve-production","namespace":"payments"},"rules":[{"apiGroups":["hoop.dev"],"resources":["approvalpolicies"],"resourceNames":["production"],"verbs":["approve"]}]}"""),
        ],
        ["rbac.authorization.k8s.io/rolebindings"] =
        [
            Parse("""{"metadata":{"name":"dba-leads-approve","namespace":"payments"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"Role","name":"approve-production"},"subjects":[{"kind":"Group","name":"dba-leads"}]}"""),
            Parse("""{"metadata":{"name":"alice-reviews","namespace":"billing"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"reviewer"},"subjects":[{"kind":"User","name":"alice"}]}"""),
        ],
    };

    private readonly RbacAuthorizer _rbac = new(key => Objects.GetValueOrDefault(key) ?? []);

    [Fact]
    public void A_reviewer_bound_by_resource_name_may_approve_only_that_policy()
    {
        var allowed = _rbac.Authorize(Bob, new ResourceAttributes("approve", "hoop.dev", "approvalpolicies", Namespace: "payments", Name: "production"));
        Assert.True(allowed.Allowed);
        Assert.Equal("RBAC: allowed by RoleBinding \"dba-leads-approve/payments\" of Role \"approve-production/payments\" to Group \"dba-leads\"", allowed.Reason);
        Assert.False(_rbac.Authorize(Bob, new ResourceAttributes("approve", "hoop.dev", "approvalpolicies", Namespace: "payments", Name: "staging")).Allowed);
        Assert.False(_rbac.Authorize(Bob, new ResourceAttributes("approve", "hoop.dev", "approvalpolicies", Namespace: "payments")).Allowed);
        Assert.False(_rbac.Authorize(Bob, new ResourceAttributes("approve", "hoop.dev", "approvalpolicies", Namespace: "billing", Name: "production")).Allowed);
    }

    [Fact]
    public void A_cluster_role_granted_by_a_role_binding_holds_only_in_that_namespace_with_aggregated_rules()
    {
        Assert.True(_rbac.Authorize(Alice, new ResourceAttributes("approve", "hoop.dev", "approvalpolicies", Namespace: "billing", Name: "any")).Allowed);
        Assert.False(_rbac.Authorize(Alice, new ResourceAttributes("approve", "hoop.dev", "approvalpolicies", Namespace: "payments", Name: "any")).Allowed);
        Assert.False(_rbac.Authorize(Alice, new ResourceAttributes("delete", "hoop.dev", "approvalpolicies", Namespace: "billing", Name: "any")).Allowed);
    }

    [Fact]
    public void A_subresource_grant_does_not_reach_the_resource_itself()
    {
        var status = _rbac.Authorize(Robot, new ResourceAttributes("patch", "hoop.dev", "accessrequests", Subresource: "status", Namespace: "payments", Name: "ar-1"));
        Assert.True(status.Allowed);
        Assert.Contains("to ServiceAccount \"robot/payments\"", status.Reason, StringComparison.Ordinal);
        Assert.False(_rbac.Authorize(Robot, new ResourceAttributes("patch", "hoop.dev", "accessrequests", Namespace: "payments", Name: "ar-1")).Allowed);
    }

    [Fact]
    public void System_masters_may_do_anything_and_strangers_nothing()
    {
        Assert.True(_rbac.Authorize(new UserInfo("root", "", ["system:masters"]), new ResourceAttributes("delete", "", "secrets", Namespace: "x", Name: "y")).Allowed);
        Assert.False(_rbac.Authorize(new UserInfo("mallory", "", ["system:authenticated"]), new ResourceAttributes("get", "", "secrets", Namespace: "payments", Name: "y")).Allowed);
    }

    [Fact]
    public void A_self_subject_access_review_is_answered_for_the_caller_and_a_subject_access_review_for_its_spec()
    {
        var review = Parse("""{"apiVersion":"authorization.k8s.io/v1","kind":"SubjectAccessReview","spec":{"user":"bob","groups":["dba-leads"],"resourceAttributes":{"namespace":"payments","verb":"approve","group":"hoop.dev","resource":"approvalpolicies","name":"production"}}}""");
        Assert.True(AccessReviews.Answer(review, null, _rbac)["status"]!["allowed"]!.GetValue<bool>());
        Assert.False(AccessReviews.Answer(review, Alice, _rbac)["status"]!["allowed"]!.GetValue<bool>());
    }

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}

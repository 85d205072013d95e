using System.Text.Json.Nodes;
using Hoop.LocalKube.Authorization;
using static Hoop.LocalKube.Tests.Authorization.StoredRbac;

namespace Hoop.LocalKube.Tests.Authorization;

public sealed class AccessReviewsTests
{
    private static readonly RbacAuthorizer Reviewers = Authorizer(
        ClusterRole("hoop-approver", "hoop.dev", "approvalpolicies", "approve"),
        RoleBinding("payments", "dba-leads-approve", "ClusterRole", "hoop-approver", "Group", "dba-leads"),
        """
        {
          "apiVersion": "rbac.authorization.k8s.io/v1",
          "kind": "ClusterRole",
          "metadata": { "name": "health-reader" },
          "rules": [ { "nonResourceURLs": ["/healthz"], "verbs": ["get"] } ]
        }
        """,
        ClusterRoleBinding("authenticated-health", "health-reader", "Group", "system:authenticated"));

    private static JsonObject Body(string json) => JsonNode.Parse(json)!.AsObject();

    // What the operator's validating webhook sends to decide whether a reviewer may approve.
    private static JsonObject CanApprove(string user, string groups, string policy) => Body($$"""
        {
          "kind": "SubjectAccessReview",
          "apiVersion": "authorization.k8s.io/v1",
          "metadata": {},
          "spec": {
            "resourceAttributes": { "namespace": "payments", "verb": "approve", "group": "hoop.dev", "resource": "approvalpolicies", "name": "{{policy}}" },
            "user": "{{user}}",
            "groups": [{{groups}}],
            "uid": "6c4e1b0a-58a3-4f0e-8d51-0c3c1f6f2a10",
            "extra": { "authentication.kubernetes.io/credential-id": ["JTI=0b4c"] }
          }
        }
        """);

    // The body kubectl auth can-i sends.
    private const string SelfCanApproveProduction = """
        {
          "kind": "SelfSubjectAccessReview",
          "apiVersion": "authorization.k8s.io/v1",
          "metadata": { "creationTimestamp": null },
          "spec": {
            "resourceAttributes": { "namespace": "payments", "verb": "approve", "group": "hoop.dev", "resource": "approvalpolicies", "name": "production" }
          },
          "status": { "allowed": false }
        }
        """;

    [Fact]
    public void A_subject_access_review_answers_for_the_user_and_groups_in_its_spec()
    {
        var review = CanApprove("carol", "\"dba-leads\", \"system:authenticated\"", "production");

        var answer = AccessReviews.Answer(review, UserInfo.Named("system:serviceaccount:hoop-system:hoop-operator"), Reviewers);

        Assert.Null(answer.Rejection);
        Assert.True(JsonNode.DeepEquals(
            Body("""{ "allowed": true, "reason": "RBAC: allowed by RoleBinding \"dba-leads-approve/payments\" of ClusterRole \"hoop-approver\" to Group \"dba-leads\"" }"""),
            answer.Review!["status"]));
        Assert.True(JsonNode.DeepEquals(review["spec"], answer.Review["spec"]));
        Assert.Equal("SubjectAccessReview", (string?)answer.Review["kind"]);
        Assert.Null(review["status"]);
    }

    [Fact]
    public void A_subject_access_review_denial_is_just_allowed_false()
    {
        var answer = AccessReviews.Answer(CanApprove("dave", "\"developers\"", "production"), null, Reviewers);

        Assert.True(JsonNode.DeepEquals(Body("""{ "allowed": false }"""), answer.Review!["status"]));
    }

    [Fact]
    public void A_subject_access_review_for_groups_alone_needs_no_user()
    {
        var review = Body("""
            {
              "kind": "SubjectAccessReview",
              "apiVersion": "authorization.k8s.io/v1",
              "spec": {
                "resourceAttributes": { "namespace": "payments", "verb": "approve", "group": "hoop.dev", "resource": "approvalpolicies", "name": "production" },
                "groups": ["dba-leads"]
              }
            }
            """);

        Assert.True((bool)AccessReviews.Answer(review, null, Reviewers).Review!["status"]!["allowed"]!);
    }

    [Fact]
    public void A_subject_access_review_can_ask_about_a_non_resource_path()
    {
        var review = Body("""
            {
              "kind": "SubjectAccessReview",
              "apiVersion": "authorization.k8s.io/v1",
              "spec": { "nonResourceAttributes": { "path": "/healthz", "verb": "get" }, "user": "dave", "groups": ["system:authenticated"] }
            }
            """);

        var status = AccessReviews.Answer(review, null, Reviewers).Review!["status"];

        Assert.True(JsonNode.DeepEquals(
            Body("""{ "allowed": true, "reason": "RBAC: allowed by ClusterRoleBinding \"authenticated-health\" of ClusterRole \"health-reader\" to Group \"system:authenticated\"" }"""),
            status));
    }

    [Fact]
    public void A_denial_caused_by_a_missing_role_says_so_in_the_reason()
    {
        var authorizer = Authorizer(RoleBinding("payments", "dba-leads-approve", "ClusterRole", "hoop-approver", "Group", "dba-leads"));

        var status = AccessReviews.Answer(CanApprove("carol", "\"dba-leads\"", "production"), null, authorizer).Review!["status"];

        Assert.True(JsonNode.DeepEquals(
            Body("""{ "allowed": false, "reason": "RBAC: clusterrole.rbac.authorization.k8s.io \"hoop-approver\" not found" }"""),
            status));
    }

    [Fact]
    public void A_self_subject_access_review_answers_for_the_caller_and_replaces_the_sent_status()
    {
        var carol = UserInfo.Named("carol", "dba-leads", "system:authenticated");
        var dave = UserInfo.Named("dave", "developers", "system:authenticated");

        var forCarol = AccessReviews.Answer(Body(SelfCanApproveProduction), carol, Reviewers);
        var forDave = AccessReviews.Answer(Body(SelfCanApproveProduction), dave, Reviewers);

        Assert.True((bool)forCarol.Review!["status"]!["allowed"]!);
        Assert.Equal("SelfSubjectAccessReview", (string?)forCarol.Review["kind"]);
        Assert.True(JsonNode.DeepEquals(Body("""{ "allowed": false }"""), forDave.Review!["status"]));
    }

    [Fact]
    public void A_self_subject_access_review_without_an_authenticated_caller_is_a_bad_request()
    {
        var answer = AccessReviews.Answer(Body(SelfCanApproveProduction), null, Reviewers);

        Assert.Null(answer.Review);
        Assert.True(JsonNode.DeepEquals(
            Body("""
                { "kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
                  "message": "no user present on request", "reason": "BadRequest", "code": 400 }
                """),
            answer.Rejection!.ToStatus()));
    }

    [Fact]
    public void A_subject_access_review_without_attributes_or_subject_is_invalid_like_kube_apiserver_says()
    {
        var answer = AccessReviews.Answer(Body("""{ "kind": "SubjectAccessReview", "apiVersion": "authorization.k8s.io/v1", "spec": {} }"""), null, Reviewers);

        Assert.Null(answer.Review);
        Assert.True(JsonNode.DeepEquals(
            Body("""
                {
                  "kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
                  "message": "SubjectAccessReview.authorization.k8s.io \"\" is invalid: [spec.resourceAttributes: Invalid value: \"null\": exactly one of nonResourceAttributes or resourceAttributes must be specified, spec.user: Invalid value: \"\": at least one of user or group must be specified]",
                  "reason": "Invalid",
                  "details": {
                    "group": "authorization.k8s.io",
                    "kind": "SubjectAccessReview",
                    "causes": [
                      { "reason": "FieldValueInvalid", "message": "Invalid value: \"null\": exactly one of nonResourceAttributes or resourceAttributes must be specified", "field": "spec.resourceAttributes" },
                      { "reason": "FieldValueInvalid", "message": "Invalid value: \"\": at least one of user or group must be specified", "field": "spec.user" }
                    ]
                  },
                  "code": 422
                }
                """),
            answer.Rejection!.ToStatus()));
    }

    [Fact]
    public void Asking_about_a_resource_and_a_path_at_once_is_invalid()
    {
        var answer = AccessReviews.Answer(Body("""
            {
              "kind": "SelfSubjectAccessReview",
              "apiVersion": "authorization.k8s.io/v1",
              "spec": {
                "resourceAttributes": { "verb": "get", "resource": "secrets" },
                "nonResourceAttributes": { "path": "/healthz", "verb": "get" }
              }
            }
            """), UserInfo.Named("dave"), Reviewers);

        Assert.Equal(422, answer.Rejection!.Code);
        Assert.Equal(
            "SelfSubjectAccessReview.authorization.k8s.io \"\" is invalid: spec.nonResourceAttributes: Invalid value: authorization.NonResourceAttributes{Path:\"/healthz\", Verb:\"get\"}: cannot be specified in combination with resourceAttributes",
            answer.Rejection.Message);
    }

    [Fact]
    public void A_review_with_a_name_in_its_metadata_is_invalid()
    {
        var review = CanApprove("carol", "\"dba-leads\"", "production");
        review["metadata"] = new JsonObject { ["name"] = "can-carol-approve" };

        var answer = AccessReviews.Answer(review, null, Reviewers);

        Assert.Equal("Invalid", answer.Rejection!.Reason);
        Assert.Equal("SubjectAccessReview.authorization.k8s.io \"\" is invalid: metadata: Invalid value: {\"name\":\"can-carol-approve\"}: must be empty", answer.Rejection.Message);
    }

    [Fact]
    public void A_body_of_another_kind_is_a_bad_request()
    {
        var answer = AccessReviews.Answer(Body("""{ "kind": "SelfSubjectRulesReview", "apiVersion": "authorization.k8s.io/v1", "spec": { "namespace": "payments" } }"""), UserInfo.Named("dave"), Reviewers);

        Assert.Equal(400, answer.Rejection!.Code);
        Assert.Equal("BadRequest", answer.Rejection.Reason);
        Assert.Contains("SelfSubjectRulesReview", answer.Rejection.Message, StringComparison.Ordinal);
    }
}

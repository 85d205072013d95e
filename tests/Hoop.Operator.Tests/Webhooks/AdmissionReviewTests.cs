using System.Text;
using System.Text.Json.Nodes;
using Hoop.Operator.Webhooks;
using static Hoop.Operator.Tests.Webhooks.AdmissionReviews;

namespace Hoop.Operator.Tests.Webhooks;

public sealed class AdmissionReviewTests
{
    [Fact]
    public void A_review_is_read_with_its_caller_objects_and_subresource()
    {
        var body = Body(Bob, "UPDATE", AccessRequest(), AccessRequest(), "status");
        body["request"]!["userInfo"]!["extra"] = new JsonObject { ["scopes"] = new JsonArray("read", "write") };
        body["request"]!["dryRun"] = true;

        var request = Parse(body);

        Assert.Equal("705ab4f5-6393-11e8-b7cc-42010a800002", request.Uid);
        Assert.Equal(("hoop.dev", "v1alpha1", "AccessRequest", "accessrequests", "status"), (request.Group, request.Version, request.Kind, request.Resource, request.SubResource));
        Assert.Equal(("UPDATE", "payments", "ar-x"), (request.Operation, request.Namespace, request.Name));
        Assert.Equal("bob", request.User.Username);
        Assert.Equal("uid-bob", request.User.Uid);
        Assert.Equal(["dba-leads", "reviewers", "system:authenticated"], request.User.Groups);
        Assert.Equal(["read", "write"], request.User.Extra["scopes"]);
        Assert.NotNull(request.Object);
        Assert.NotNull(request.OldObject);
        Assert.True(request.DryRun);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"apiVersion":"admission.k8s.io/v1beta1","kind":"AdmissionReview","request":{}}""")]
    [InlineData("""{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview"}""")]
    [InlineData("""{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"u","operation":"CREATE","kind":{},"resource":{"resource":"accessrequests"}}}""")]
    [InlineData("""{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":7,"operation":"CREATE"}}""")]
    [InlineData("""{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"u","operation":"CREATE","kind":{},"resource":{"resource":"accessrequests"},"userInfo":{"username":"bob","groups":"dba-leads"}}}""")]
    public void A_body_that_is_no_admission_review_v1_is_rejected_as_malformed(string body)
    {
        Assert.Throws<AdmissionReviewFormatException>(() => AdmissionRequest.Parse(Encoding.UTF8.GetBytes(body)));
    }

    [Fact]
    public void A_refusal_answers_the_same_uid_with_403_and_the_reason()
    {
        var review = AdmissionResponse.Build("uid-1", AdmissionDecision.Refuse("bob has already reviewed ar-x"));

        Assert.Equal("admission.k8s.io/v1", review["apiVersion"]!.GetValue<string>());
        Assert.Equal("AdmissionReview", review["kind"]!.GetValue<string>());
        var response = review["response"]!;
        Assert.Equal("uid-1", response["uid"]!.GetValue<string>());
        Assert.False(response["allowed"]!.GetValue<bool>());
        Assert.Equal(403, response["status"]!["code"]!.GetValue<int>());
        Assert.Equal("bob has already reviewed ar-x", response["status"]!["message"]!.GetValue<string>());
        Assert.Null(response["patch"]);
    }

    [Fact]
    public void An_allowed_mutation_carries_its_json_patch_in_base64()
    {
        var patch = new JsonArray(new JsonObject { ["op"] = "add", ["path"] = "/spec/requester", ["value"] = new JsonObject { ["username"] = "alice" } });

        var response = AdmissionResponse.Build("uid-2", AdmissionDecision.AllowWithPatch(patch))["response"]!;

        Assert.True(response["allowed"]!.GetValue<bool>());
        Assert.Equal("JSONPatch", response["patchType"]!.GetValue<string>());
        var decoded = JsonNode.Parse(Convert.FromBase64String(response["patch"]!.GetValue<string>()));
        Assert.True(JsonNode.DeepEquals(patch, decoded));
    }

    [Fact]
    public void An_allowed_write_without_changes_has_no_patch()
    {
        var response = AdmissionResponse.Build("uid-3", AdmissionDecision.AllowWithPatch([]))["response"]!;
        Assert.True(response["allowed"]!.GetValue<bool>());
        Assert.Null(response["patchType"]);
        Assert.Null(response["status"]);
    }
}

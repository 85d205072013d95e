using System.Text.Json.Nodes;
using Hoop.Chart.Tests.ArgoCd;

namespace Hoop.Chart.Tests.Admission;

public sealed class ReviewAdmissionPolicyTests
{
    private static JsonObject Request(bool breakGlass = false, params JsonObject[] reviews)
    {
        var request = HealthCheckObjects.Sample("hoop.dev_v1alpha1_accessrequest_add-shipped-at.yaml");
        request["spec"]!["requester"] = new JsonObject { ["username"] = "alice", ["groups"] = new JsonArray("developers") };
        request["spec"]!["breakGlass"] = breakGlass;
        request["status"] = new JsonObject { ["phase"] = "Pending", ["reviews"] = new JsonArray([.. reviews]) };
        return request;
    }

    private static JsonObject Review(string reviewer, string decision = "Approve") =>
        new() { ["reviewer"] = reviewer, ["groups"] = new JsonArray("dba-leads"), ["decision"] = decision, ["time"] = "2026-01-01T00:00:00Z" };

    [Fact]
    public void A_reviewer_adding_a_review_in_their_own_name_is_admitted()
    {
        var refusals = ReviewAdmissionPolicy.Refusals(Request(), Request(false, Review("bob")), "bob");

        Assert.Empty(refusals);
    }

    [Fact]
    public void A_review_added_in_someone_elses_name_is_refused()
    {
        var refusals = ReviewAdmissionPolicy.Refusals(Request(false, Review("bob")), Request(false, Review("bob"), Review("carol")), "bob");

        Assert.Equal(["a review can only be added in your own name (bob); the reviewer field is set from your authenticated identity"], refusals);
    }

    [Fact]
    public void The_requester_reviewing_their_own_request_is_refused()
    {
        var refusals = ReviewAdmissionPolicy.Refusals(Request(), Request(false, Review("alice")), "alice");

        Assert.Single(refusals, r => r.StartsWith("the requester alice cannot review their own request", StringComparison.Ordinal));
    }

    [Fact]
    public void The_requester_may_approve_a_break_glass_request_but_not_deny_it()
    {
        Assert.Empty(ReviewAdmissionPolicy.Refusals(Request(true), Request(true, Review("alice")), "alice"));
        Assert.NotEmpty(ReviewAdmissionPolicy.Refusals(Request(true), Request(true, Review("alice", "Deny")), "alice"));
    }

    [Fact]
    public void Status_writes_that_add_no_review_are_left_to_the_webhook()
    {
        var old = Request(false, Review("bob"));
        var next = Request(false, Review("bob"));
        next["status"]!["phase"] = "Approved";

        Assert.Empty(ReviewAdmissionPolicy.Refusals(old, next, "system:serviceaccount:hoop-system:hoop-operator"));
        Assert.Empty(ReviewAdmissionPolicy.Refusals(HealthCheckObjects.Sample("hoop.dev_v1alpha1_accessrequest_add-shipped-at.yaml"), Request(), "system:serviceaccount:hoop-system:hoop-operator"));
    }

    [Fact]
    public void The_policy_matches_access_request_status_updates_and_denies()
    {
        var spec = ReviewAdmissionPolicy.Policy["spec"]!;
        var rule = spec["matchConstraints"]!["resourceRules"]!.AsArray().Single()!;

        Assert.Equal("admissionregistration.k8s.io/v1", ReviewAdmissionPolicy.Policy["apiVersion"]!.GetValue<string>());
        Assert.Equal(["accessrequests/status"], rule["resources"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal(["UPDATE"], rule["operations"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal("Fail", spec["failurePolicy"]!.GetValue<string>());
        var template = ChartFiles.Read(ReviewAdmissionPolicy.Template);
        Assert.Contains("semverCompare \">=1.30.0-0\" .Capabilities.KubeVersion.Version", template, StringComparison.Ordinal);
        Assert.Contains(".Values.validatingAdmissionPolicy.enabled", template, StringComparison.Ordinal);
    }
}

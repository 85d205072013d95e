using System.Text.Json.Nodes;
using Hoop.Api.Serialization;
using Hoop.Testing;

namespace Hoop.Manifests.Tests;

public sealed class TransitionRuleTests
{
    private static JsonObject Request() => YamlDocuments.ParseSingleObject(
        File.ReadAllText(RepositoryFiles.PathOf("samples/hoop.dev_v1alpha1_accessrequest_add-shipped-at.yaml")));

    [Fact]
    public void An_access_request_spec_cannot_change_after_creation()
    {
        var old = Request();
        var changed = Request();
        changed["spec"]!["operation"]!["sql"]!["statement"] = "DROP TABLE orders;";

        var errors = Validators.For("AccessRequest").Validate(changed, old);

        Assert.Contains(errors, e => e.StartsWith("spec:", StringComparison.Ordinal) && e.Contains("spec is immutable", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unchanged_spec_with_a_new_status_is_accepted()
    {
        var old = Request();
        var updated = Request();
        updated["status"] = new JsonObject { ["phase"] = "Pending", ["approvals"] = "0/2" };

        Assert.Empty(Validators.For("AccessRequest").Validate(updated, old));
    }

    [Fact]
    public void Reviews_can_be_appended_but_never_changed_or_removed()
    {
        var validator = Validators.For("AccessRequest");
        var old = WithReviews(Review("bob", "Approve"));

        Assert.Empty(validator.Validate(WithReviews(Review("bob", "Approve"), Review("carol", "Approve")), old));
        Assert.Contains(validator.Validate(WithReviews(Review("bob", "Deny")), old), e => e.StartsWith("status.reviews:", StringComparison.Ordinal) && e.Contains("append-only", StringComparison.Ordinal));
        Assert.Contains(validator.Validate(WithReviews(), old), e => e.StartsWith("status.reviews:", StringComparison.Ordinal));
    }

    private static JsonObject WithReviews(params JsonObject[] reviews)
    {
        var request = Request();
        request["status"] = new JsonObject { ["reviews"] = new JsonArray(reviews) };
        return request;
    }

    private static JsonObject Review(string reviewer, string decision) =>
        new() { ["reviewer"] = reviewer, ["decision"] = decision, ["groups"] = new JsonArray("dba-leads") };
}

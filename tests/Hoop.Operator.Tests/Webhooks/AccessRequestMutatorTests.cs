using System.Text.Json.Nodes;
using Hoop.Operator.Webhooks;
using Microsoft.Extensions.Time.Testing;
using static Hoop.Operator.Tests.Webhooks.AdmissionReviews;

namespace Hoop.Operator.Tests.Webhooks;

public sealed class AccessRequestMutatorTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 7, 15, 42, 123, TimeSpan.Zero));

    private AccessRequestMutator Mutator => new(_time);

    [Fact]
    public void A_forged_requester_is_replaced_by_the_authenticated_caller()
    {
        var forged = AccessRequest(new JsonObject { ["username"] = "bob", ["groups"] = new JsonArray("dba-leads"), ["via"] = "system:serviceaccount:payments:orders-db-gateway" });

        var decision = Mutator.Mutate(Create(Alice, forged));

        Assert.True(decision.Allowed);
        var stored = ApplyPatch(forged, decision.Patch);
        Assert.True(JsonNode.DeepEquals(Requester(Alice), stored["spec"]!["requester"]), stored["spec"]!["requester"]!.ToJsonString());
    }

    [Fact]
    public void A_request_without_requester_gets_the_callers_identity()
    {
        var decision = Mutator.Mutate(Create(Alice, AccessRequest()));

        var stored = ApplyPatch(AccessRequest(), decision.Patch);
        Assert.Equal("alice", stored["spec"]!["requester"]!["username"]!.GetValue<string>());
        Assert.Equal("uid-alice", stored["spec"]!["requester"]!["uid"]!.GetValue<string>());
    }

    [Fact]
    public void A_gateway_keeps_the_end_user_it_names_and_is_recorded_as_via()
    {
        var gateway = User(OrdersGateway, "system:serviceaccounts");
        var created = AccessRequest(new JsonObject { ["username"] = "oidc:erin@example.com", ["groups"] = new JsonArray("oncall") });

        var decision = Mutator.Mutate(Create(gateway, created));

        var requester = ApplyPatch(created, decision.Patch)["spec"]!["requester"]!;
        Assert.Equal("oidc:erin@example.com", requester["username"]!.GetValue<string>());
        Assert.Equal("oncall", requester["groups"]![0]!.GetValue<string>());
        Assert.Equal(OrdersGateway, requester["via"]!.GetValue<string>());
    }

    [Fact]
    public void A_gateway_that_names_no_end_user_is_refused()
    {
        var decision = Mutator.Mutate(Create(User(OrdersGateway), AccessRequest()));

        Assert.False(decision.Allowed);
        Assert.Equal($"{OrdersGateway} must set spec.requester.username of ar-x to the end user it authenticated: a gateway creates requests only on someone's behalf", decision.Message);
    }

    [Fact]
    public void A_gateway_of_another_namespace_is_stamped_as_itself()
    {
        var stranger = User("system:serviceaccount:billing:billing-db-gateway");
        var created = AccessRequest(new JsonObject { ["username"] = "erin" });

        var decision = Mutator.Mutate(Create(stranger, created));

        var requester = ApplyPatch(created, decision.Patch)["spec"]!["requester"]!;
        Assert.Equal(stranger.Username, requester["username"]!.GetValue<string>());
        Assert.Null(requester["via"]);
    }

    [Fact]
    public void An_appended_review_is_stamped_with_the_callers_name_groups_and_the_time()
    {
        var old = AccessRequest(Requester(Alice), status: PendingStatus(reviews: Review(Carol)));
        var next = With(old, o => o["status"]!["reviews"]!.AsArray().Add(new JsonObject { ["decision"] = "Approve", ["reviewer"] = "mallory", ["groups"] = new JsonArray("system:masters") }));

        var decision = Mutator.Mutate(UpdateStatus(Bob, old, next));

        var reviews = ApplyPatch(next, decision.Patch)["status"]!["reviews"]!.AsArray();
        Assert.True(JsonNode.DeepEquals(Review(Carol), reviews[0]), "the existing review must stay as it was");
        Assert.Equal("bob", reviews[1]!["reviewer"]!.GetValue<string>());
        Assert.Equal(["dba-leads", "reviewers", "system:authenticated"], reviews[1]!["groups"]!.AsArray().Select(g => g!.GetValue<string>()));
        Assert.Equal("2026-11-29T07:15:42Z", reviews[1]!["time"]!.GetValue<string>());
        Assert.Equal("Approve", reviews[1]!["decision"]!.GetValue<string>());
    }

    [Fact]
    public void A_status_write_without_new_reviews_is_not_patched()
    {
        var old = AccessRequest(Requester(Alice), status: PendingStatus(reviews: Review(Carol)));
        var next = With(old, o => o["status"]!["phase"] = "Approved");

        var decision = Mutator.Mutate(UpdateStatus(Bob, old, next));

        Assert.True(decision.Allowed);
        Assert.Null(decision.Patch);
    }

    [Fact]
    public void A_spec_update_is_not_patched_so_the_requester_cannot_be_restamped()
    {
        var old = AccessRequest(Requester(Alice));

        var decision = Mutator.Mutate(Update(Bob, old, old));

        Assert.True(decision.Allowed);
        Assert.Null(decision.Patch);
    }
}

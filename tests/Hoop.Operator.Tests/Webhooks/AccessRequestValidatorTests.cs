using System.Text.Json.Nodes;
using Hoop.Operator.Webhooks;
using static Hoop.Operator.Tests.Webhooks.AdmissionReviews;

namespace Hoop.Operator.Tests.Webhooks;

public sealed class AccessRequestValidatorTests
{
    private readonly FakeReviewAuthority _authority = new();

    public AccessRequestValidatorTests()
    {
        _authority.Approvers.Add(("bob", "production"));
        _authority.Approvers.Add(("carol", "production"));
    }

    private AccessRequestValidator Validator => new(new OperatorIdentity(OperatorUser), _authority);

    private static JsonObject Pending(params JsonObject[] reviews) => AccessRequest(Requester(Alice), status: PendingStatus(reviews: reviews));

    private static JsonObject Appending(JsonObject old, JsonObject review) => With(old, o => o["status"]!["reviews"]!.AsArray().Add(review));

    private Task<AdmissionDecision> ValidateAsync(AdmissionRequest request) => Validator.ValidateAsync(request, TestContext.Current.CancellationToken);

    private static void Refused(AdmissionDecision decision, string message)
    {
        Assert.False(decision.Allowed, "expected a refusal: " + message);
        Assert.Equal(403, decision.Code);
        Assert.Equal(message, decision.Message);
    }

    private static void Allowed(AdmissionDecision decision) => Assert.True(decision.Allowed, decision.Message);

    // Creation

    [Fact]
    public async Task A_request_stamped_with_the_caller_may_be_created()
    {
        Allowed(await ValidateAsync(Create(Alice, AccessRequest(Requester(Alice)))));
    }

    [Fact]
    public async Task A_request_naming_someone_else_is_refused_when_the_mutating_webhook_was_bypassed()
    {
        var decision = await ValidateAsync(Create(Alice, AccessRequest(Requester(Bob))));
        Refused(decision, "spec.requester of ar-x must be alice as authenticated: a request is always stamped with the identity of whoever creates it");
    }

    [Fact]
    public async Task A_request_claiming_more_groups_than_the_caller_has_is_refused()
    {
        var claimed = Requester(Alice);
        claimed["groups"]!.AsArray().Add("dba-leads");
        Assert.False((await ValidateAsync(Create(Alice, AccessRequest(claimed)))).Allowed);
    }

    [Fact]
    public async Task A_user_cannot_pretend_a_gateway_created_the_request()
    {
        var claimed = Requester(Alice);
        claimed["via"] = OrdersGateway;
        Assert.False((await ValidateAsync(Create(Alice, AccessRequest(claimed)))).Allowed);
    }

    [Fact]
    public async Task A_gateway_may_create_a_request_for_its_own_connection_on_behalf_of_an_end_user()
    {
        var requester = new JsonObject { ["username"] = "erin", ["via"] = OrdersGateway };
        Allowed(await ValidateAsync(Create(User(OrdersGateway), AccessRequest(requester))));
    }

    [Fact]
    public async Task A_gateway_may_not_create_a_request_for_another_connection()
    {
        var requester = new JsonObject { ["username"] = "erin", ["via"] = "system:serviceaccount:payments:billing-db-gateway" };
        var decision = await ValidateAsync(Create(User("system:serviceaccount:payments:billing-db-gateway"), AccessRequest(requester)));
        Refused(decision, "system:serviceaccount:payments:billing-db-gateway may create AccessRequests only for connection billing-db, but ar-x is for orders-db");
    }

    [Fact]
    public async Task A_gateway_may_not_create_a_request_in_another_namespace()
    {
        var gateway = "system:serviceaccount:billing:orders-db-gateway";
        var decision = await ValidateAsync(Create(User(gateway), AccessRequest(new JsonObject { ["username"] = "erin", ["via"] = gateway })));
        Refused(decision, $"{gateway} may create AccessRequests only in namespace billing, not in payments");
    }

    [Fact]
    public async Task A_gateway_request_must_record_the_gateway_as_via()
    {
        var decision = await ValidateAsync(Create(User(OrdersGateway), AccessRequest(new JsonObject { ["username"] = "erin" })));
        Refused(decision, $"spec.requester.via of ar-x must be {OrdersGateway}, the gateway that creates it");
    }

    // Spec

    [Fact]
    public async Task The_spec_cannot_change_after_creation()
    {
        var old = AccessRequest(Requester(Alice));
        var decision = await ValidateAsync(Update(Alice, old, With(old, o => o["spec"]!["reason"] = "something else")));
        Refused(decision, "the spec of ar-x is immutable: create a new AccessRequest to ask for something else");
    }

    [Fact]
    public async Task Metadata_may_change_on_the_main_resource()
    {
        var old = AccessRequest(Requester(Alice));
        Allowed(await ValidateAsync(Update(User(OperatorUser), old, With(old, o => o["metadata"]!["labels"] = new JsonObject { ["team"] = "payments" }))));
    }

    // Reviews

    [Fact]
    public async Task An_approver_may_append_a_review_to_a_pending_request()
    {
        var old = Pending();
        Allowed(await ValidateAsync(UpdateStatus(Bob, old, Appending(old, Review(Bob)))));
        Assert.Equal([("bob", "payments", "production")], _authority.AccessReviews);
    }

    [Fact]
    public async Task Someone_without_approve_on_the_policy_may_not_review()
    {
        var old = Pending();
        var decision = await ValidateAsync(UpdateStatus(Dave, old, Appending(old, Review(Dave))));
        Refused(decision, "dave may not review ar-x: approving requests under policy \"production\" needs verb \"approve\" on approvalpolicies/production");
    }

    [Fact]
    public async Task The_requester_cannot_review_their_own_request()
    {
        _authority.Approvers.Add(("alice", "production"));
        var old = Pending();
        var decision = await ValidateAsync(UpdateStatus(Alice, old, Appending(old, Review(Alice))));
        Refused(decision, "alice cannot review their own request ar-x");
    }

    [Fact]
    public async Task A_reviewer_cannot_review_twice()
    {
        var old = Pending(Review(Bob));
        var decision = await ValidateAsync(UpdateStatus(Bob, old, Appending(old, Review(Bob, "Deny"))));
        Refused(decision, "bob has already reviewed ar-x");
    }

    [Fact]
    public async Task A_review_in_someone_elses_name_is_refused()
    {
        var old = Pending();
        var decision = await ValidateAsync(UpdateStatus(Bob, old, Appending(old, Review(Carol))));
        Refused(decision, "bob cannot add a review to ar-x in the name of carol: reviewer and groups are always the authenticated caller's");
    }

    [Fact]
    public async Task A_review_claiming_other_groups_is_refused()
    {
        var old = Pending();
        var review = Review(Dave);
        review["groups"] = new JsonArray("dba-leads");
        Assert.False((await ValidateAsync(UpdateStatus(Dave, old, Appending(old, review)))).Allowed);
    }

    [Fact]
    public async Task An_existing_review_cannot_be_changed()
    {
        var old = Pending(Review(Bob));
        var decision = await ValidateAsync(UpdateStatus(Carol, old, With(old, o => o["status"]!["reviews"]![0]!["decision"] = "Deny")));
        Refused(decision, "reviews cannot be changed or removed: carol may only append a review to ar-x");
    }

    [Fact]
    public async Task An_existing_review_cannot_be_removed_even_by_the_operator()
    {
        var old = Pending(Review(Bob));
        var decision = await ValidateAsync(UpdateStatus(User(OperatorUser), old, With(old, o => o["status"]!["reviews"] = new JsonArray())));
        Refused(decision, $"reviews cannot be changed or removed: {OperatorUser} may only append a review to ar-x");
    }

    [Fact]
    public async Task Only_one_review_may_be_appended_per_write()
    {
        var old = Pending();
        var decision = await ValidateAsync(UpdateStatus(Bob, old, Appending(Appending(old, Review(Bob)), Review(Bob))));
        Refused(decision, "bob cannot add 2 reviews to ar-x at once: append exactly one review per write");
    }

    [Fact]
    public async Task A_review_cannot_come_with_a_phase_change()
    {
        var old = Pending();
        var decision = await ValidateAsync(UpdateStatus(Bob, old, With(Appending(old, Review(Bob)), o => o["status"]!["phase"] = "Approved")));
        Refused(decision, "bob cannot change ar-x: only the hoop operator may set status.phase; a review is appended alone, with nothing else in the same write");
    }

    [Fact]
    public async Task A_request_the_operator_has_not_evaluated_takes_no_review_yet()
    {
        var old = AccessRequest(Requester(Alice));
        var decision = await ValidateAsync(UpdateStatus(Bob, old, With(old, o => o["status"] = new JsonObject { ["reviews"] = new JsonArray(Review(Bob)) })));
        Refused(decision, "ar-x has not been evaluated yet, try again shortly: the operator has not matched it against an ApprovalPolicy");
    }

    [Fact]
    public async Task A_decided_request_takes_no_more_reviews()
    {
        var old = AccessRequest(Requester(Alice), status: PendingStatus(phase: "Approved"));
        var decision = await ValidateAsync(UpdateStatus(Carol, old, Appending(old, Review(Carol))));
        Refused(decision, "carol cannot review ar-x: it is Approved, and only a Pending request takes reviews");
    }

    // Break-glass

    private static JsonObject BreakGlassRequest(AdmissionUser requester, string? reason = "incident 4711: orders table locked") =>
        AccessRequest(Requester(requester), breakGlass: true, reason: reason, status: PendingStatus());

    [Fact]
    public async Task A_break_glass_member_may_approve_their_own_emergency_request()
    {
        var oncall = User("erin", "sre-oncall");
        _authority.Approvers.Add(("erin", "production"));
        var old = BreakGlassRequest(oncall);
        Allowed(await ValidateAsync(UpdateStatus(oncall, old, Appending(old, Review(oncall)))));
    }

    [Fact]
    public async Task Break_glass_still_needs_approve_on_the_policy()
    {
        var oncall = User("erin", "sre-oncall");
        var old = BreakGlassRequest(oncall);
        var decision = await ValidateAsync(UpdateStatus(oncall, old, Appending(old, Review(oncall))));
        Refused(decision, "erin may not review ar-x: approving requests under policy \"production\" needs verb \"approve\" on approvalpolicies/production");
    }

    [Fact]
    public async Task Break_glass_is_only_for_members_of_the_policys_groups()
    {
        var old = BreakGlassRequest(Bob);
        var decision = await ValidateAsync(UpdateStatus(Bob, old, Appending(old, Review(Bob))));
        Refused(decision, "bob cannot review their own request ar-x: break-glass under policy \"production\" is only for members of sre-oncall");
    }

    [Fact]
    public async Task Break_glass_needs_a_reason()
    {
        var oncall = User("erin", "sre-oncall");
        var old = BreakGlassRequest(oncall, reason: null);
        var decision = await ValidateAsync(UpdateStatus(oncall, old, Appending(old, Review(oncall))));
        Refused(decision, "erin cannot review their own request ar-x: a break-glass self-approval needs a reason in spec.reason");
    }

    [Fact]
    public async Task Break_glass_only_approves()
    {
        var oncall = User("erin", "sre-oncall");
        var old = BreakGlassRequest(oncall);
        var decision = await ValidateAsync(UpdateStatus(oncall, old, Appending(old, Review(oncall, "Deny"))));
        Refused(decision, "erin cannot review their own request ar-x: break-glass only lets the requester approve it");
    }

    [Fact]
    public async Task Break_glass_under_a_policy_that_no_longer_exists_is_refused()
    {
        var oncall = User("erin", "sre-oncall");
        _authority.Policies.Clear();
        var old = BreakGlassRequest(oncall);
        var decision = await ValidateAsync(UpdateStatus(oncall, old, Appending(old, Review(oncall))));
        Refused(decision, "erin cannot review their own request ar-x: its policy \"production\" does not exist in namespace payments");
    }

    // Everything else in status

    [Fact]
    public async Task The_operator_may_set_phase_policy_and_conditions()
    {
        var old = AccessRequest(Requester(Alice));
        Allowed(await ValidateAsync(UpdateStatus(User(OperatorUser), old, With(old, o => o["status"] = PendingStatus()))));
    }

    [Fact]
    public async Task A_reviewer_may_not_set_the_phase()
    {
        var old = Pending(Review(Bob));
        var decision = await ValidateAsync(UpdateStatus(Bob, old, With(old, o => o["status"]!["phase"] = "Approved")));
        Refused(decision, "bob cannot change ar-x: only the hoop operator may set status.phase");
    }

    [Fact]
    public async Task The_requester_may_not_set_policy_or_approvals()
    {
        var old = Pending();
        var decision = await ValidateAsync(UpdateStatus(Alice, old, With(old, o =>
        {
            o["status"]!["policy"] = "lenient";
            o["status"]!["approvals"] = "2/2";
        })));
        Refused(decision, "alice cannot change ar-x: only the hoop operator may set status.approvals, status.policy");
    }

    [Fact]
    public async Task An_unchanged_status_write_is_allowed_for_anyone()
    {
        var old = Pending(Review(Bob));
        Allowed(await ValidateAsync(UpdateStatus(Dave, old, old)));
    }

    [Theory]
    [InlineData("Approved", "Executing")]
    [InlineData("Executing", "Succeeded")]
    [InlineData("Executing", "Failed")]
    [InlineData("Pending", "Cancelled")]
    public async Task The_requests_gateway_may_move_it_along_its_execution(string from, string to)
    {
        var old = AccessRequest(Requester(Alice), status: PendingStatus(phase: from));
        var next = With(old, o =>
        {
            o["status"]!["phase"] = to;
            o["status"]!["execution"] = new JsonObject { ["executedBy"] = "orders-db-gateway-0" };
        });
        Allowed(await ValidateAsync(UpdateStatus(User(OrdersGateway), old, next)));
    }

    [Fact]
    public async Task A_gateway_cannot_approve_a_request()
    {
        var old = Pending();
        var decision = await ValidateAsync(UpdateStatus(User(OrdersGateway), old, With(old, o => o["status"]!["phase"] = "Approved")));
        Refused(decision, $"{OrdersGateway} cannot move ar-x from Pending to Approved: a gateway only moves a request Approved→Executing→Succeeded|Failed, or Pending→Cancelled");
    }

    [Fact]
    public async Task A_gateway_cannot_set_the_policy()
    {
        var old = Pending();
        var decision = await ValidateAsync(UpdateStatus(User(OrdersGateway), old, With(old, o => o["status"]!["policy"] = "lenient")));
        Refused(decision, $"{OrdersGateway} cannot change ar-x: only the hoop operator may set status.policy");
    }

    [Fact]
    public async Task Another_connections_gateway_is_treated_as_anyone_else()
    {
        var other = User("system:serviceaccount:payments:billing-db-gateway");
        var old = AccessRequest(Requester(Alice), status: PendingStatus(phase: "Approved"));
        var decision = await ValidateAsync(UpdateStatus(other, old, With(old, o => o["status"]!["phase"] = "Executing")));
        Refused(decision, $"{other.Username} cannot change ar-x: only the hoop operator may set status.phase");
    }

    [Fact]
    public async Task Another_resource_is_refused_because_the_registration_must_be_wrong()
    {
        var body = Body(Alice, "CREATE", AccessRequest(), null, resource: "connections");
        Assert.False((await ValidateAsync(Parse(body))).Allowed);
    }
}

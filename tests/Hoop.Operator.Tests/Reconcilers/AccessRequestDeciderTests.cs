using Hoop.Api;
using Hoop.Api.V1Alpha1;
using Hoop.Operator.Reconcilers.AccessRequests;
using Microsoft.Extensions.Time.Testing;
using static Hoop.Operator.Tests.Reconcilers.TestObjects;

namespace Hoop.Operator.Tests.Reconcilers;

public sealed class AccessRequestDeciderTests
{
    private const string Ddl = "ALTER TABLE orders ADD COLUMN shipped_at timestamptz;";
    private readonly FakeTimeProvider _time = new(Created.AddMinutes(10));

    private AccessRequestDecision Decide(AccessRequest request, Connection? connection = null, params ApprovalPolicy[] policies) =>
        AccessRequestDecider.Decide(request, connection ?? OrdersDb(), policies.Length == 0 ? [Production()] : policies, _time.GetUtcNow())!;

    private static string? ConditionReason(AccessRequestDecision decision, string type) =>
        decision.Conditions.Single(c => c.Type == type).Reason;

    private static string ConditionStatus(AccessRequestDecision decision, string type) =>
        decision.Conditions.Single(c => c.Type == type).Status;

    [Fact]
    public void Ddl_is_held_for_two_approvals_until_the_rule_timeout()
    {
        var decision = Decide(Request(Ddl));

        Assert.Equal(AccessRequestPhase.Pending, decision.Phase);
        Assert.Equal(ConditionReasons.AwaitingApproval, decision.Reason);
        Assert.Equal("production", decision.Policy);
        Assert.Equal("schema-changes", decision.Rule);
        Assert.Equal(2, decision.RequiredApprovals);
        Assert.Equal("0/2", decision.Approvals);
        Assert.Equal(Created.UtcDateTime.AddHours(4), decision.ExpiresAt);
        Assert.Equal(TimeSpan.FromHours(4) - TimeSpan.FromMinutes(10), decision.RequeueAfter);
        Assert.Equal("False", ConditionStatus(decision, ConditionTypes.Ready));
        Assert.Equal("True", ConditionStatus(decision, ConditionTypes.Progressing));
    }

    [Fact]
    public void A_rule_without_timeout_expires_after_one_hour()
    {
        var decision = Decide(Request("UPDATE orders SET total = 0 WHERE id = 1"));
        Assert.Equal("writes", decision.Rule);
        Assert.Equal(1, decision.RequiredApprovals);
        Assert.Equal(Created.UtcDateTime.AddHours(1), decision.ExpiresAt);
    }

    [Fact]
    public void A_rule_that_requires_a_reason_denies_a_request_without_one()
    {
        var decision = Decide(Request(Ddl, reason: null));
        Assert.Equal(AccessRequestPhase.Denied, decision.Phase);
        Assert.Equal(ConditionReasons.ReasonRequired, decision.Reason);
        Assert.Contains("requires a reason", decision.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deny_rule_denies_at_once()
    {
        var decision = Decide(Request("DROP DATABASE orders"));
        Assert.Equal(AccessRequestPhase.Denied, decision.Phase);
        Assert.Equal(ConditionReasons.DeniedByPolicy, decision.Reason);
        Assert.Equal("no-drop-database", decision.Rule);
        Assert.DoesNotContain("DROP", decision.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_allow_rule_approves_at_once()
    {
        var decision = Decide(Request("SELECT * FROM orders"));
        Assert.Equal(AccessRequestPhase.Approved, decision.Phase);
        Assert.Equal(ConditionReasons.AllowedByPolicy, decision.Reason);
        Assert.Equal("True", ConditionStatus(decision, ConditionTypes.Ready));
    }

    [Fact]
    public void The_most_restrictive_statement_of_a_script_decides()
    {
        var decision = Decide(Request("SELECT 1; " + Ddl));
        Assert.Equal("schema-changes", decision.Rule);
        Assert.Equal(AccessRequestPhase.Pending, decision.Phase);
    }

    [Fact]
    public void Two_dba_leads_approvals_reach_the_quorum()
    {
        var decision = Decide(Request(Ddl).WithReviews(Approve("bob", "dba-leads"), Approve("carol", "dba-leads")));
        Assert.Equal(AccessRequestPhase.Approved, decision.Phase);
        Assert.Equal(ConditionReasons.QuorumReached, decision.Reason);
        Assert.Equal("2/2", decision.Approvals);
    }

    [Fact]
    public void Two_approvals_without_a_dba_lead_do_not_reach_the_quorum()
    {
        var decision = Decide(Request(Ddl).WithReviews(Approve("bob", "reviewers"), Approve("dave", "contractors")));
        Assert.Equal(AccessRequestPhase.Pending, decision.Phase);
        Assert.Equal("2/2", decision.Approvals);
    }

    [Fact]
    public void Any_deny_review_denies_even_after_approvals()
    {
        var decision = Decide(Request(Ddl).WithReviews(Approve("bob", "dba-leads"), Deny("carol", "dba-leads")));
        Assert.Equal(AccessRequestPhase.Denied, decision.Phase);
        Assert.Equal(ConditionReasons.DeniedByReviewer, decision.Reason);
        Assert.Contains("carol", decision.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_break_glass_member_may_approve_an_emergency_alone()
    {
        var request = Request(Ddl, change: r => r.Spec.BreakGlass = true).WithReviews(Approve("alice", "sre-oncall"));
        var decision = Decide(request);
        Assert.Equal(AccessRequestPhase.Approved, decision.Phase);
        Assert.Equal(ConditionReasons.EmergencyAccess, decision.Reason);
        Assert.True(decision.BreakGlass);
        Assert.Equal("True", ConditionStatus(decision, ConditionTypes.BreakGlass));
    }

    [Fact]
    public void Break_glass_needs_the_request_to_be_an_emergency()
    {
        var decision = Decide(Request(Ddl).WithReviews(Approve("erin", "sre-oncall")));
        Assert.Equal(AccessRequestPhase.Pending, decision.Phase);
        Assert.False(decision.BreakGlass);
    }

    [Fact]
    public void A_pending_request_expires_exactly_at_its_expiry()
    {
        var request = Request(Ddl).WithReviews(Approve("bob", "dba-leads"));
        _time.SetUtcNow(Created.AddHours(4).AddTicks(-1));
        Assert.Equal(AccessRequestPhase.Pending, Decide(request).Phase);
        Assert.Equal(TimeSpan.FromTicks(1), Decide(request).RequeueAfter);

        _time.SetUtcNow(Created.AddHours(4));
        var expired = Decide(request);
        Assert.Equal(AccessRequestPhase.Expired, expired.Phase);
        Assert.Equal(ConditionReasons.TimedOut, expired.Reason);
        Assert.Equal("1/2", expired.Approvals);
        Assert.Null(expired.RequeueAfter);
    }

    [Fact]
    public void Reviews_given_after_the_expiry_do_not_count()
    {
        var late = Approve("carol", "dba-leads");
        late.Time = Created.UtcDateTime.AddHours(5);
        _time.SetUtcNow(Created.AddHours(5));
        var decision = Decide(Request(Ddl).WithReviews(Approve("bob", "dba-leads"), late));
        Assert.Equal(AccessRequestPhase.Expired, decision.Phase);
    }

    [Fact]
    public void Quorum_reached_before_the_expiry_approves_even_when_decided_late()
    {
        _time.SetUtcNow(Created.AddHours(5));
        var decision = Decide(Request(Ddl).WithReviews(Approve("bob", "dba-leads"), Approve("carol", "dba-leads")));
        Assert.Equal(AccessRequestPhase.Approved, decision.Phase);
    }

    [Fact]
    public void A_missing_connection_keeps_the_request_pending_and_degraded_for_an_hour()
    {
        var request = Request(Ddl);
        var decision = AccessRequestDecider.Decide(request, null, [Production()], _time.GetUtcNow())!;
        Assert.Equal(AccessRequestPhase.Pending, decision.Phase);
        Assert.Equal(ConditionReasons.ConnectionNotFound, ConditionReason(decision, ConditionTypes.Degraded));
        Assert.Equal("True", ConditionStatus(decision, ConditionTypes.Degraded));
        Assert.Equal(Created.UtcDateTime.AddHours(1), decision.ExpiresAt);
        Assert.Equal(TimeSpan.FromMinutes(50), decision.RequeueAfter);

        _time.SetUtcNow(Created.AddHours(1));
        Assert.Equal(AccessRequestPhase.Expired, AccessRequestDecider.Decide(request, null, [Production()], _time.GetUtcNow())!.Phase);
    }

    [Fact]
    public void No_governing_policy_denies()
    {
        var other = Production(s => s.ConnectionSelector!.MatchLabels["hoop.dev/environment"] = "staging");
        var decision = Decide(Request("SELECT 1"), null, other);
        Assert.Equal(AccessRequestPhase.Denied, decision.Phase);
        Assert.Equal(ConditionReasons.NoPolicy, decision.Reason);
        Assert.Equal("True", ConditionStatus(decision, ConditionTypes.Degraded));
    }

    [Fact]
    public void A_broken_governing_policy_denies_even_what_it_would_allow()
    {
        var broken = Production(s => s.Rules![1].Timeout = "forever");
        var decision = Decide(Request("SELECT 1"), null, broken);
        Assert.Equal(AccessRequestPhase.Denied, decision.Phase);
        Assert.Equal(ConditionReasons.InvalidRules, decision.Reason);
        Assert.Equal("production", decision.Policy);
    }

    [Fact]
    public void An_operation_of_another_type_than_the_connection_is_denied()
    {
        var decision = Decide(Request("SELECT 1"), OrdersDb(ConnectionType.Ssh));
        Assert.Equal(AccessRequestPhase.Denied, decision.Phase);
        Assert.Equal(ConditionReasons.InvalidOperation, decision.Reason);
    }

    [Fact]
    public void An_allowed_session_still_needs_one_approval()
    {
        var allowAll = Production(s => s.Rules = [new PolicyRule { Name = "everything", Action = PolicyAction.Allow }]);
        var session = Request("", change: r => r.Spec.Operation = new Operation { Session = new SessionOperation { Duration = "1h" } });
        var decision = Decide(session, OrdersDb(ConnectionType.Ssh), allowAll);
        Assert.Equal(AccessRequestPhase.Pending, decision.Phase);
        Assert.Equal(1, decision.RequiredApprovals);
        Assert.Equal("everything", decision.Rule);
    }

    [Fact]
    public void A_denied_session_stays_denied()
    {
        var denyAll = Production(s => { s.Rules = []; s.DefaultAction = PolicyAction.Deny; });
        var session = Request("", change: r => r.Spec.Operation = new Operation { Session = new SessionOperation { Duration = "1h" } });
        Assert.Equal(AccessRequestPhase.Denied, Decide(session, OrdersDb(ConnectionType.Ssh), denyAll).Phase);
    }

    [Fact]
    public void An_allowed_ssh_command_is_approved()
    {
        var request = Request("", change: r => r.Spec.Operation = new Operation { Ssh = new SshOperation { Command = "uptime" } });
        Assert.Equal(AccessRequestPhase.Approved, Decide(request, OrdersDb(ConnectionType.Ssh)).Phase);
    }

    [Theory]
    [InlineData(AccessRequestPhase.Approved)]
    [InlineData(AccessRequestPhase.Denied)]
    [InlineData(AccessRequestPhase.Expired)]
    [InlineData(AccessRequestPhase.Cancelled)]
    [InlineData(AccessRequestPhase.Executing)]
    [InlineData(AccessRequestPhase.Succeeded)]
    [InlineData(AccessRequestPhase.Failed)]
    public void A_decided_request_is_never_decided_again(AccessRequestPhase phase)
    {
        var request = Request(Ddl).WithReviews(Deny("bob", "dba-leads"));
        request.Status!.Phase = phase;
        _time.SetUtcNow(Created.AddDays(30));
        Assert.Null(AccessRequestDecider.Decide(request, OrdersDb(), [Production()], _time.GetUtcNow()));
    }

    [Fact]
    public void The_policy_is_live_while_pending()
    {
        var request = Request(Ddl);
        Assert.Equal(2, Decide(request).RequiredApprovals);
        var relaxed = Production(s => s.Rules![2].Approvals = new ApprovalRequirement { Required = 1 });
        var decision = Decide(request, null, relaxed);
        Assert.Equal(1, decision.RequiredApprovals);
        Assert.Equal("0/1", decision.Approvals);
    }

    [Fact]
    public void Deciding_again_later_keeps_the_condition_transition_times()
    {
        var request = Request(Ddl);
        var first = Decide(request);
        request.Status = new AccessRequestStatus { Phase = first.Phase, Conditions = first.Conditions };
        _time.Advance(TimeSpan.FromMinutes(30));
        var second = Decide(request);
        Assert.Equal(first.Conditions.Select(c => c.LastTransitionTime), second.Conditions.Select(c => c.LastTransitionTime));
        Assert.Equal(Created.UtcDateTime.AddMinutes(10), second.Conditions[0].LastTransitionTime);
    }
}

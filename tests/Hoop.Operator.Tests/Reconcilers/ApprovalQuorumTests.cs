using Hoop.Operator.Reconcilers.AccessRequests;
using Hoop.Policy.Rules;
using static Hoop.Operator.Tests.Reconcilers.TestObjects;

namespace Hoop.Operator.Tests.Reconcilers;

public sealed class ApprovalQuorumTests
{
    [Fact]
    public void Two_distinct_approvers_meet_a_need_of_two()
    {
        var (approvers, met) = ApprovalQuorum.Evaluate([Approve("bob"), Approve("carol")], new ApprovalNeed(2, []), "alice");
        Assert.Equal(2, approvers);
        Assert.True(met);
    }

    [Fact]
    public void One_approver_does_not_meet_a_need_of_two()
    {
        var (approvers, met) = ApprovalQuorum.Evaluate([Approve("bob")], new ApprovalNeed(2, []), "alice");
        Assert.Equal(1, approvers);
        Assert.False(met);
    }

    [Fact]
    public void A_reviewer_who_approves_twice_is_counted_once()
    {
        var (approvers, met) = ApprovalQuorum.Evaluate([Approve("bob"), Approve("bob")], new ApprovalNeed(2, []), "alice");
        Assert.Equal(1, approvers);
        Assert.False(met);
    }

    [Fact]
    public void The_requester_never_counts()
    {
        var (approvers, met) = ApprovalQuorum.Evaluate([Approve("alice"), Approve("bob")], new ApprovalNeed(2, []), "alice");
        Assert.Equal(1, approvers);
        Assert.False(met);
    }

    [Fact]
    public void A_listed_group_must_contribute_an_approver()
    {
        var need = new ApprovalNeed(2, ["dba-leads"]);
        Assert.False(ApprovalQuorum.Evaluate([Approve("bob", "reviewers"), Approve("dave", "contractors")], need, "alice").Met);
        Assert.True(ApprovalQuorum.Evaluate([Approve("bob", "dba-leads"), Approve("dave", "contractors")], need, "alice").Met);
    }

    [Fact]
    public void One_person_in_two_groups_cannot_satisfy_both()
    {
        var need = new ApprovalNeed(2, ["dba-leads", "security"]);
        var (approvers, met) = ApprovalQuorum.Evaluate([Approve("bob", "dba-leads", "security"), Approve("dave", "contractors")], need, "alice");
        Assert.Equal(2, approvers);
        Assert.False(met);
    }

    [Fact]
    public void Groups_are_matched_to_distinct_approvers_even_when_the_first_choice_is_wrong()
    {
        // bob could serve either group, carol only dba-leads: bob must be given to security.
        var need = new ApprovalNeed(2, ["dba-leads", "security"]);
        Assert.True(ApprovalQuorum.Evaluate([Approve("bob", "dba-leads", "security"), Approve("carol", "dba-leads")], need, "alice").Met);
    }

    [Fact]
    public void Deny_reviews_are_not_approvals()
    {
        var (approvers, met) = ApprovalQuorum.Evaluate([Deny("bob", "dba-leads")], new ApprovalNeed(1, []), "alice");
        Assert.Equal(0, approvers);
        Assert.False(met);
    }
}

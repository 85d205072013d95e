using Hoop.Api.V1Alpha1;
using Hoop.Policy.Rules;
using k8s.Models;
using static Hoop.Policy.Tests.Rules.Policies;

namespace Hoop.Policy.Tests.Rules;

public sealed class PolicySetTests
{
    private static readonly Dictionary<string, string> Production = new() { ["hoop.dev/environment"] = "production" };

    [Fact]
    public void No_governing_policy_means_deny()
    {
        var set = PolicySet.For("orders-db", Production, []);

        var decision = set.Evaluate(Statement(StatementKind.Read, "SELECT 1"));

        Assert.Equal(PolicyAction.Deny, decision.Action);
        Assert.Contains("no ApprovalPolicy governs connection orders-db", decision.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_governing_policy_denies_even_reads()
    {
        var broken = Named("broken", PolicyAction.Allow, Rule("bad", PolicyAction.Deny, SqlRule(patterns: ["(unclosed"])));

        var decision = PolicySet.For("orders-db", null, [broken]).Evaluate(Statement(StatementKind.Read, "SELECT 1"));

        Assert.Equal(PolicyAction.Deny, decision.Action);
        Assert.Equal("broken", decision.Policy);
        Assert.Contains("spec.rules[0].match.sql.patterns[0]", decision.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_most_restrictive_policy_wins()
    {
        var lenient = Named("a-lenient", PolicyAction.Allow);
        var strict = Named("b-strict", PolicyAction.RequireApproval,
            Rule("ddl", PolicyAction.RequireApproval, SqlRule(kinds: [StatementKind.Ddl]), new ApprovalRequirement { Required = 2 }));

        var set = PolicySet.For("orders-db", null, [lenient, strict]);

        var decision = set.Evaluate(Statement(StatementKind.Ddl, "DROP TABLE t", "t"));
        Assert.Equal("b-strict", decision.Policy);
        Assert.Equal(2, decision.Approvals!.Required);
    }

    [Fact]
    public void Policies_are_chosen_by_name_or_label_selector()
    {
        var byName = Named("by-name");
        var byLabel = Named("by-label");
        byLabel.Spec.Connections = null;
        byLabel.Spec.ConnectionSelector = new V1LabelSelector
        {
            MatchLabels = new Dictionary<string, string> { ["hoop.dev/environment"] = "production" },
            MatchExpressions = [new V1LabelSelectorRequirement { Key = "team", OperatorProperty = "NotIn", Values = ["data"] }],
        };
        var elsewhere = Named("elsewhere");
        elsewhere.Spec.Connections = ["billing-db"];

        var set = PolicySet.For("orders-db", Production, [byName, byLabel, elsewhere]);

        Assert.Equal(["by-label", "by-name"], set.Policies.Select(p => p.Name));
        Assert.Empty(PolicySet.For("orders-db", new Dictionary<string, string>(Production) { ["team"] = "data" }, [byLabel]).Policies);
    }

    [Fact]
    public void A_batch_takes_its_most_restrictive_statement()
    {
        var policy = Named("production", PolicyAction.RequireApproval,
            Rule("reads", PolicyAction.Allow, SqlRule(kinds: [StatementKind.Read])),
            Rule("drops", PolicyAction.Deny, SqlRule(patterns: ["(?i)^DROP\\b"])));
        var set = PolicySet.For("orders-db", null, [policy]);

        var decision = set.EvaluateBatch([Statement(StatementKind.Read, "SELECT 1"), Statement(StatementKind.Ddl, "DROP TABLE users", "users")]);

        Assert.Equal(PolicyAction.Deny, decision.Action);
        Assert.Equal("drops", decision.Rule);
    }
}

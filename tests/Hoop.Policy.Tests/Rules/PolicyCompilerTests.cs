using Hoop.Api.V1Alpha1;
using Hoop.Policy.Rules;
using static Hoop.Policy.Tests.Rules.Policies;

namespace Hoop.Policy.Tests.Rules;

public sealed class PolicyCompilerTests
{
    [Fact]
    public void A_valid_policy_compiles_with_its_rules_in_order()
    {
        var compilation = PolicyCompiler.Compile(Named("production", PolicyAction.RequireApproval,
            Rule("reads", PolicyAction.Allow, SqlRule(kinds: [StatementKind.Read])),
            Rule("ddl", PolicyAction.RequireApproval, SqlRule(kinds: [StatementKind.Ddl]), new ApprovalRequirement { Required = 2, FromGroups = ["dba-leads"] })));

        Assert.True(compilation.Succeeded, string.Join("; ", compilation.Problems));
        Assert.Equal(["reads", "ddl"], compilation.Policy!.RuleNames);
    }

    [Fact]
    public void Every_problem_is_reported_with_its_field()
    {
        var policy = Named("broken", PolicyAction.RequireApproval,
            Rule("bad-regex", PolicyAction.Deny, SqlRule(patterns: ["(unclosed"])),
            Rule("lookahead", PolicyAction.Deny, SqlRule(patterns: ["(?=DROP)"])),
            Rule("bad-glob", PolicyAction.Deny, SqlRule(tables: ["users[0-9"])),
            Rule("bad-glob", PolicyAction.Deny, SshRule("rm \\")),
            Rule("too-few", PolicyAction.RequireApproval, SqlRule(), new ApprovalRequirement { Required = 1, FromGroups = ["a", "b"] }),
            Rule("approvals-on-allow", PolicyAction.Allow, SqlRule(), new ApprovalRequirement { Required = 1 }));
        policy.Spec.Rules![0].Timeout = null;
        policy.Spec.Rules.Add(new PolicyRule { Name = "slow", Action = PolicyAction.RequireApproval, Timeout = "10d" });
        policy.Spec.Rules.Add(new PolicyRule { Name = "verbs", Action = PolicyAction.Deny, Match = new RuleMatch { Kubernetes = new KubernetesMatch { Verbs = ["destroy"] } } });
        policy.Spec.Rules.Add(new PolicyRule { Name = "two-types", Action = PolicyAction.Deny, Match = new RuleMatch { Sql = new SqlMatch(), Http = new HttpMatch() } });
        policy.Spec.Rules.Add(new PolicyRule { Name = "http", Action = PolicyAction.Deny, Match = new RuleMatch { Http = new HttpMatch { Methods = ["GE T"], Paths = ["admin/**"] } } });

        var compilation = PolicyCompiler.Compile(policy);

        Assert.False(compilation.Succeeded);
        var fields = compilation.Problems.Select(p => p.Field).ToList();
        Assert.Equal(
            [
                "spec.rules[0].match.sql.patterns[0]",
                "spec.rules[1].match.sql.patterns[0]",
                "spec.rules[2].match.sql.tables[0]",
                "spec.rules[3].name",
                "spec.rules[3].match.ssh.commands[0]",
                "spec.rules[4].approvals.required",
                "spec.rules[5].approvals",
                "spec.rules[6].timeout",
                "spec.rules[7].match.kubernetes.verbs[0]",
                "spec.rules[8].match",
                "spec.rules[9].match.http.methods[0]",
                "spec.rules[9].match.http.paths[0]",
            ],
            fields);
        Assert.Contains("RE2", compilation.Problems[1].Message, StringComparison.Ordinal);
        Assert.Contains("raise required to at least 2", compilation.Problems[5].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_policy_must_say_which_connections_it_governs()
    {
        var policy = Named("nowhere");
        policy.Spec.Connections = null;

        var compilation = PolicyCompiler.Compile(policy);

        Assert.Equal("spec", Assert.Single(compilation.Problems).Field);
    }

    [Fact]
    public void A_label_selector_with_an_unknown_operator_is_a_problem()
    {
        var policy = Named("selector");
        policy.Spec.Connections = null;
        policy.Spec.ConnectionSelector = new k8s.Models.V1LabelSelector
        {
            MatchExpressions = [new k8s.Models.V1LabelSelectorRequirement { Key = "env", OperatorProperty = "Equals", Values = ["prod"] }],
        };

        var compilation = PolicyCompiler.Compile(policy);

        Assert.Equal("spec.connectionSelector.matchExpressions[0]", Assert.Single(compilation.Problems).Field);
    }
}

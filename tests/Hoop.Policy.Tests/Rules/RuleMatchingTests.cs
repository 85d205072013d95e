using Hoop.Api.V1Alpha1;
using Hoop.Policy.Rules;
using static Hoop.Policy.Tests.Rules.Policies;

namespace Hoop.Policy.Tests.Rules;

public sealed class RuleMatchingTests
{
    private static CompiledPolicy Compile(ApprovalPolicy policy)
    {
        var compilation = PolicyCompiler.Compile(policy);
        Assert.True(compilation.Succeeded, string.Join("; ", compilation.Problems));
        return compilation.Policy!;
    }

    private static readonly CompiledPolicy Production = Compile(Named("production", PolicyAction.RequireApproval,
        Rule("no-drop-database", PolicyAction.Deny, SqlRule(patterns: ["(?i)^DROP (DATABASE|SCHEMA)\\b"])),
        Rule("reads", PolicyAction.Allow, SqlRule(kinds: [StatementKind.Read, StatementKind.Transaction, StatementKind.Session])),
        Rule("schema-changes", PolicyAction.RequireApproval, SqlRule(kinds: [StatementKind.Ddl, StatementKind.Dcl]),
            new ApprovalRequirement { Required = 2, FromGroups = ["dba-leads"] })));

    [Fact]
    public void The_first_matching_rule_decides_and_is_named()
    {
        var decision = Production.Evaluate(Statement(StatementKind.Ddl, "DROP DATABASE orders"));

        Assert.Equal(PolicyAction.Deny, decision.Action);
        Assert.Equal("production", decision.Policy);
        Assert.Equal("no-drop-database", decision.Rule);
        Assert.Equal("denied by rule no-drop-database of ApprovalPolicy production", decision.Message);
    }

    [Fact]
    public void Approvals_come_from_the_matching_rule()
    {
        var decision = Production.Evaluate(Statement(StatementKind.Ddl, "ALTER TABLE users ADD COLUMN ssn text", "users"));

        Assert.Equal(PolicyAction.RequireApproval, decision.Action);
        Assert.Equal("schema-changes", decision.Rule);
        Assert.Equal(2, decision.Approvals!.Required);
        Assert.Equal(["dba-leads"], decision.Approvals.FromGroups);
    }

    [Fact]
    public void What_no_rule_matches_falls_to_the_default_action()
    {
        var decision = Production.Evaluate(Statement(StatementKind.Unknown, "SELECT my_function()"));

        Assert.Equal(PolicyAction.RequireApproval, decision.Action);
        Assert.Null(decision.Rule);
        Assert.Equal("defaultAction", decision.RuleOrDefault);
        Assert.Equal(1, decision.Approvals!.Required);
    }

    [Fact]
    public void A_rule_for_another_connection_type_never_matches()
    {
        var decision = Production.Evaluate(new HttpRequestFacts("GET", "/"));

        Assert.Null(decision.Rule);
    }

    [Theory]
    [InlineData("users", "users", true)]
    [InlineData("users", "public.users", true)]
    [InlineData("billing.*", "billing.invoices", true)]
    [InlineData("billing.*", "invoices", false)]
    [InlineData("users.card_*", "users", false)]
    public void An_allow_on_tables_needs_every_table_known_and_covered(string glob, string table, bool allowed)
    {
        var policy = Compile(Named("tables", PolicyAction.Deny, Rule("analytics", PolicyAction.Allow, SqlRule(tables: [glob]))));

        var decision = policy.Evaluate(Statement(StatementKind.Read, "SELECT", table));

        Assert.Equal(allowed ? PolicyAction.Allow : PolicyAction.Deny, decision.Action);
    }

    [Fact]
    public void An_allow_on_tables_does_not_cover_a_statement_that_also_touches_another_table_or_hidden_ones()
    {
        var policy = Compile(Named("tables", PolicyAction.Deny, Rule("analytics", PolicyAction.Allow, SqlRule(tables: ["analytics.*"]))));

        Assert.Equal(PolicyAction.Allow, policy.Evaluate(Statement(StatementKind.Read, "SELECT", "analytics.events")).Action);
        Assert.Equal(PolicyAction.Deny, policy.Evaluate(Statement(StatementKind.Read, "SELECT", "analytics.events", "public.users")).Action);
        Assert.Equal(PolicyAction.Deny, policy.Evaluate(new SqlStatementFacts(StatementKind.Read, ["analytics.events"], TablesComplete: false, "SELECT f()")).Action);
        Assert.Equal(PolicyAction.Deny, policy.Evaluate(Statement(StatementKind.Read, "SELECT 1")).Action);
    }

    [Fact]
    public void A_deny_on_tables_catches_unqualified_names_and_statements_whose_tables_cannot_be_known()
    {
        var policy = Compile(Named("tables", PolicyAction.Allow, Rule("billing", PolicyAction.Deny, SqlRule(tables: ["billing.*"]))));

        Assert.Equal(PolicyAction.Deny, policy.Evaluate(Statement(StatementKind.Read, "SELECT", "invoices")).Action);
        Assert.Equal(PolicyAction.Deny, policy.Evaluate(Statement(StatementKind.Read, "SELECT", "BILLING.Invoices")).Action);
        Assert.Equal(PolicyAction.Deny, policy.Evaluate(new SqlStatementFacts(StatementKind.Unknown, [], TablesComplete: false, "DO $$ ... $$")).Action);
        Assert.Equal(PolicyAction.Allow, policy.Evaluate(Statement(StatementKind.Read, "SELECT", "orders.items")).Action);
    }

    [Fact]
    public void Ssh_deny_sees_commands_by_base_name_and_refuses_what_it_cannot_see()
    {
        var policy = Compile(Named("hosts", PolicyAction.Allow, Rule("no-rm", PolicyAction.Deny, SshRule("rm *"))));

        Assert.Equal(PolicyAction.Deny, policy.Evaluate(Command(["/usr/bin/rm", "-rf", "/"])).Action);
        Assert.Equal(PolicyAction.Deny, policy.Evaluate(Command(["sudo", "rm", "x"], ["rm", "x"])).Action);
        Assert.Equal(PolicyAction.Deny, policy.Evaluate(new SshCommandFacts([["$(echo", "rm)"]], Complete: false, Interactive: false)).Action);
        Assert.Equal(PolicyAction.Allow, policy.Evaluate(Command(["ls", "-l"])).Action);
    }

    [Fact]
    public void Ssh_allow_needs_every_command_covered_as_written()
    {
        var policy = Compile(Named("hosts", PolicyAction.Deny, Rule("inspect", PolicyAction.Allow, SshRule("uptime", "df *"))));

        Assert.Equal(PolicyAction.Allow, policy.Evaluate(Command(["df", "-h"])).Action);
        Assert.Equal(PolicyAction.Deny, policy.Evaluate(Command(["df", "-h"], ["rm", "x"])).Action);
        Assert.Equal(PolicyAction.Deny, policy.Evaluate(Command(["/tmp/x/uptime"])).Action);
        Assert.Equal(PolicyAction.Deny, policy.Evaluate(new SshCommandFacts([["uptime"]], Complete: false, Interactive: false)).Action);
        Assert.Equal(PolicyAction.Deny, policy.Evaluate(SshCommandFacts.InteractiveSession).Action);
    }

    [Fact]
    public void Ssh_interactive_rules_match_only_sessions()
    {
        var policy = Compile(Named("hosts", PolicyAction.Deny,
            new PolicyRule { Name = "shell", Action = PolicyAction.RequireApproval, Match = new RuleMatch { Ssh = new SshMatch { Interactive = true } } }));

        Assert.Equal("shell", policy.Evaluate(SshCommandFacts.InteractiveSession).Rule);
        Assert.Null(policy.Evaluate(Command(["ls"])).Rule);
    }

    [Fact]
    public void Kubernetes_rules_cover_collections_and_all_namespaces_only_when_they_deny()
    {
        var policy = Compile(Named("cluster", PolicyAction.RequireApproval,
            new PolicyRule { Name = "no-system", Action = PolicyAction.Deny, Match = new RuleMatch { Kubernetes = new KubernetesMatch { Namespaces = ["kube-*"] } } },
            new PolicyRule { Name = "pod-reads", Action = PolicyAction.Allow, Match = new RuleMatch { Kubernetes = new KubernetesMatch { Verbs = ["get", "list"], Resources = ["pods"], Namespaces = ["team-*"] } } }));

        Assert.Equal("no-system", policy.Evaluate(Request("get", "pods", null, "kube-system", "x")).Rule);
        Assert.Equal("no-system", policy.Evaluate(Request("list", "pods", null, null, null)).Rule);
        Assert.Equal("pod-reads", policy.Evaluate(Request("list", "pods", null, "team-a", null)).Rule);
        Assert.Null(policy.Evaluate(Request("get", "pods", "log", "team-a", "web-0")).Rule);
        Assert.Null(policy.Evaluate(Request("delete", "pods", null, "team-a", "web-0")).Rule);
    }

    [Fact]
    public void Http_rules_match_methods_and_path_globs()
    {
        var policy = Compile(Named("api", PolicyAction.RequireApproval,
            new PolicyRule { Name = "admin", Action = PolicyAction.Deny, Match = new RuleMatch { Http = new HttpMatch { Paths = ["/admin/**"] } } },
            new PolicyRule { Name = "reads", Action = PolicyAction.Allow, Match = new RuleMatch { Http = new HttpMatch { Methods = ["GET", "HEAD"] } } }));

        Assert.Equal("admin", policy.Evaluate(new HttpRequestFacts("GET", "/admin/users/42")).Rule);
        Assert.Equal("reads", policy.Evaluate(new HttpRequestFacts("get", "/orders/1")).Rule);
        Assert.Null(policy.Evaluate(new HttpRequestFacts("POST", "/orders")).Rule);
    }

    private static SshCommandFacts Command(params string[][] commands) => new(commands, Complete: true, Interactive: false);

    private static KubernetesRequestFacts Request(string verb, string resource, string? subresource, string? ns, string? name) =>
        new(verb, "", resource, subresource, ns, name, IsResourceRequest: true);
}

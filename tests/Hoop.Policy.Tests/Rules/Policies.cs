using Hoop.Api.V1Alpha1;
using k8s.Models;

namespace Hoop.Policy.Tests.Rules;

/// <summary>Builds ApprovalPolicies for tests, shaped like the ones in samples/.</summary>
internal static class Policies
{
    public static ApprovalPolicy Named(string name, PolicyAction defaultAction = PolicyAction.RequireApproval, params PolicyRule[] rules) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "payments" },
        Spec = new ApprovalPolicySpec
        {
            Connections = ["orders-db"],
            Rules = [.. rules],
            DefaultAction = defaultAction,
        },
    };

    public static PolicyRule Rule(string name, PolicyAction action, RuleMatch match, ApprovalRequirement? approvals = null) => new()
    {
        Name = name,
        Action = action,
        Match = match,
        Approvals = approvals,
    };

    public static RuleMatch SqlRule(StatementKind[]? kinds = null, string[]? patterns = null, string[]? tables = null) =>
        new() { Sql = new SqlMatch { Kinds = kinds, Patterns = patterns, Tables = tables } };

    public static RuleMatch SshRule(params string[] commands) => new() { Ssh = new SshMatch { Commands = commands } };

    public static Hoop.Policy.Rules.SqlStatementFacts Statement(StatementKind kind, string text, params string[] tables) =>
        new(kind, tables, TablesComplete: true, text);
}

using Hoop.Api.V1Alpha1;
using k8s.Models;

namespace Hoop.Operator.Tests.Reconcilers;

/// <summary>Hoop objects built in memory for the pure tests, shaped like the repository's samples.</summary>
internal static class TestObjects
{
    public static readonly DateTimeOffset Created = new(2026, 11, 29, 7, 0, 0, TimeSpan.Zero);

    public static Connection OrdersDb(ConnectionType type = ConnectionType.Postgres) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "orders-db",
            NamespaceProperty = "payments",
            Uid = "uid-orders-db",
            Generation = 1,
            Labels = new Dictionary<string, string> { ["hoop.dev/environment"] = "production" },
        },
        Spec = new ConnectionSpec
        {
            Type = type,
            Target = new ConnectionTarget { Host = "orders-db.payments.svc", Port = 5432, Database = type is ConnectionType.Postgres or ConnectionType.MySql ? "orders" : null },
            CredentialsSecretRef = new SecretReference { Name = "orders-db-credentials" },
            Authentication = new ConnectionAuthentication { Kubernetes = new KubernetesAuthentication() },
        },
    };

    public static ApprovalPolicy Production(Action<ApprovalPolicySpec>? change = null)
    {
        var policy = new ApprovalPolicy
        {
            Metadata = new V1ObjectMeta { Name = "production", NamespaceProperty = "payments", Generation = 1 },
            Spec = new ApprovalPolicySpec
            {
                ConnectionSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["hoop.dev/environment"] = "production" } },
                Rules =
                [
                    new PolicyRule { Name = "no-drop-database", Match = new RuleMatch { Sql = new SqlMatch { Patterns = ["(?i)^DROP (DATABASE|SCHEMA)\\b"] } }, Action = PolicyAction.Deny },
                    new PolicyRule { Name = "reads", Match = new RuleMatch { Sql = new SqlMatch { Kinds = [StatementKind.Read] } }, Action = PolicyAction.Allow },
                    new PolicyRule
                    {
                        Name = "schema-changes",
                        Match = new RuleMatch { Sql = new SqlMatch { Kinds = [StatementKind.Ddl] } },
                        Action = PolicyAction.RequireApproval,
                        Approvals = new ApprovalRequirement { Required = 2, FromGroups = ["dba-leads"] },
                        Timeout = "4h",
                        RequireReason = true,
                    },
                    new PolicyRule
                    {
                        Name = "writes",
                        Match = new RuleMatch { Sql = new SqlMatch { Kinds = [StatementKind.Write] } },
                        Action = PolicyAction.RequireApproval,
                    },
                    new PolicyRule { Name = "inspect-hosts", Match = new RuleMatch { Ssh = new SshMatch { Commands = ["uptime"] } }, Action = PolicyAction.Allow },
                ],
                DefaultAction = PolicyAction.RequireApproval,
                BreakGlass = new BreakGlass { Groups = ["sre-oncall"] },
            },
        };
        change?.Invoke(policy.Spec);
        return policy;
    }

    public static AccessRequest Request(string sql, string? reason = "needed for the release", Action<AccessRequest>? change = null)
    {
        var request = new AccessRequest
        {
            Metadata = new V1ObjectMeta { Name = "req", NamespaceProperty = "payments", Generation = 1, CreationTimestamp = Created.UtcDateTime },
            Spec = new AccessRequestSpec
            {
                ConnectionRef = new ConnectionReference { Name = "orders-db" },
                Requester = new Requester { Username = "alice", Groups = ["developers"] },
                Reason = reason,
                Operation = new Operation { Sql = new SqlOperation { Statement = sql } },
            },
        };
        change?.Invoke(request);
        return request;
    }

    public static Review Approve(string reviewer, params string[] groups) =>
        new() { Reviewer = reviewer, Groups = groups, Decision = ReviewDecision.Approve, Time = Created.UtcDateTime.AddMinutes(5) };

    public static Review Deny(string reviewer, params string[] groups) =>
        new() { Reviewer = reviewer, Groups = groups, Decision = ReviewDecision.Deny, Time = Created.UtcDateTime.AddMinutes(5) };

    public static AccessRequest WithReviews(this AccessRequest request, params Review[] reviews)
    {
        request.Status ??= new AccessRequestStatus();
        request.Status.Reviews = reviews;
        return request;
    }
}

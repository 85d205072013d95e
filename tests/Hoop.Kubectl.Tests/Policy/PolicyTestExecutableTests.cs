using System.Text.Json.Nodes;
using Hoop.Testing;
using Hoop.Testing.Processes;

namespace Hoop.Kubectl.Tests.Policy;

/// <summary>Runs the built <c>kubectl-hoop</c> on the production policy in samples/, as a policy author's CI would.</summary>
public sealed class PolicyTestExecutableTests
{
    private static readonly string Executable = Path.Combine(AppContext.BaseDirectory, "kubectl-hoop");
    private static readonly string SamplePolicy = RepositoryFiles.PathOf("samples/hoop.dev_v1alpha1_approvalpolicy_production.yaml");

    private static async Task<JsonObject> DecideAsync(params string[] arguments)
    {
        var result = await OneShotCommand.ExecuteAsync(Executable, ["policy", "test", "-f", SamplePolicy, "-o", "json", .. arguments],
            stdin: null, environment: null, TestContext.Current.CancellationToken);
        Assert.True(result.ExitCode == 0, $"kubectl-hoop exited {result.ExitCode}: {result.Error}");
        return (JsonObject)JsonNode.Parse(result.Output)!;
    }

    [Theory]
    [InlineData("postgres", "SELECT id, total_cents FROM orders WHERE id = 42", "read", "Allow", "reads")]
    [InlineData("postgres", "ALTER TABLE orders ADD COLUMN shipped_at timestamptz", "ddl", "RequireApproval", "schema-changes")]
    [InlineData("postgres", "drop  database orders", "ddl", "Deny", "no-drop-database")]
    [InlineData("postgres", "DELETE FROM orders WHERE id = 42", "write", "RequireApproval", "writes")]
    [InlineData("postgres", "WITH d AS (DELETE FROM orders RETURNING *) SELECT * FROM d", "write", "RequireApproval", "writes")]
    [InlineData("postgres", "SELECT pg_terminate_backend(4711)", "admin", "RequireApproval", "defaultAction")]
    [InlineData("mysql", "/*!50000 DROP TABLE users */", "ddl", "RequireApproval", "schema-changes")]
    public async Task Sample_policy_decides_statements(string type, string sql, string kind, string action, string rule)
    {
        var report = await DecideAsync("--type", type, "--sql", sql);

        var operation = (JsonObject)Assert.Single(report["operations"]!.AsArray())!;
        Assert.Equal(kind, (string?)operation["kind"]);
        Assert.Equal(action, (string?)report["decision"]!["action"]);
        Assert.Equal(rule, (string?)report["decision"]!["rule"]);
        Assert.Equal("production", (string?)report["decision"]!["policy"]);
    }

    [Fact]
    public async Task A_batch_is_decided_per_statement_and_as_a_whole()
    {
        var report = await DecideAsync("--type", "postgres", "--sql", "SELECT 1; /* quiet */ DROP TABLE users");

        var operations = report["operations"]!.AsArray();
        Assert.Equal(["Allow", "RequireApproval"], operations.Select(o => (string?)o!["decision"]!["action"]));
        Assert.Equal("schema-changes", (string?)report["decision"]!["rule"]);
        Assert.Equal(2, (int?)report["decision"]!["approvals"]!["required"]);
        Assert.Equal("dba-leads", (string?)report["decision"]!["approvals"]!["fromGroups"]![0]);
        Assert.True((bool?)report["decision"]!["requireReason"]);
    }

    [Theory]
    [InlineData("ssh", "--command", "uptime", "Allow", "inspect-hosts")]
    [InlineData("ssh", "--command", "sh -c 'uptime; rm -rf /var/lib/app'", "RequireApproval", "defaultAction")]
    [InlineData("kubernetes", "--request", "GET /api/v1/namespaces/payments/pods", "Allow", "cluster-reads")]
    [InlineData("kubernetes", "--request", "GET /api/v1/namespaces/payments/secrets/db", "Deny", "cluster-secrets")]
    [InlineData("kubernetes", "--request", "DELETE /apis/apps/v1/namespaces/payments/deployments/web", "RequireApproval", "defaultAction")]
    [InlineData("http", "--request", "GET /admin/users/42", "Allow", "admin-api-reads")]
    [InlineData("http", "--request", "DELETE /admin/users/42", "RequireApproval", "defaultAction")]
    public async Task Sample_policy_decides_commands_and_requests(string type, string option, string value, string action, string rule)
    {
        var report = await DecideAsync("--type", type, option, value);

        Assert.Equal(action, (string?)report["decision"]!["action"]);
        Assert.Equal(rule, (string?)report["decision"]!["rule"]);
    }

    [Fact]
    public async Task Break_glass_is_reported_for_members_of_its_groups()
    {
        var report = await DecideAsync("--type", "postgres", "--sql", "DELETE FROM orders", "--user", "erin", "--group", "sre-oncall");

        Assert.True((bool?)report["user"]!["breakGlass"]);
    }
}

using System.CommandLine;
using Hoop.Testing;

namespace Hoop.Kubectl.Tests.Policy;

/// <summary><c>policy test</c>'s refusals and table output, in process.</summary>
public sealed class PolicyTestCommandTests : IDisposable
{
    private static readonly string SamplePolicy = RepositoryFiles.PathOf("samples/hoop.dev_v1alpha1_approvalpolicy_production.yaml");
    private readonly string _scratch = Directory.CreateTempSubdirectory("policy-test-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = KubectlHoopCommandLine.Create().Parse(["policy", "test", .. args]).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_scratch, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void The_table_shows_each_statement_and_the_overall_decision()
    {
        var (exitCode, output, _) = Run("-f", SamplePolicy, "--type", "postgres", "--sql", "SELECT * FROM orders; ALTER TABLE orders ADD COLUMN x int");

        Assert.Equal(0, exitCode);
        var lines = output.Split('\n');
        Assert.Matches(@"^#\s+KIND\s+TARGETS\s+DECISION\s+POLICY\s+RULE\s+OPERATION$", lines[0]);
        Assert.Matches(@"^1\s+read\s+orders\s+Allow\s+production\s+reads\s+SELECT \* FROM orders$", lines[1]);
        Assert.Matches(@"^2\s+ddl\s+orders\s+RequireApproval \(2 approvals, from dba-leads\)\s+production\s+schema-changes\s+ALTER TABLE", lines[2]);
        Assert.Contains("decision: needs 2 approvals, from dba-leads under rule schema-changes of ApprovalPolicy production", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_whole_directory_can_be_given_and_other_kinds_are_skipped()
    {
        var (exitCode, output, error) = Run("-f", RepositoryFiles.PathOf("samples"), "--type", "http", "--request", "GET /health", "-o", "json");

        Assert.True(exitCode == 0, error);
        Assert.Contains("\"policies\": [\n    \"production\"\n  ]", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Expect_fails_the_run_when_the_decision_differs()
    {
        Assert.Equal(0, Run("-f", SamplePolicy, "--type", "postgres", "--sql", "SELECT 1", "--expect", "Allow").ExitCode);

        var (exitCode, _, error) = Run("-f", SamplePolicy, "--type", "postgres", "--sql", "TRUNCATE orders", "--expect", "Allow");

        Assert.Equal(1, exitCode);
        Assert.StartsWith("error: expected Allow, but the decision is RequireApproval", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_command_line_is_shown_as_the_commands_it_runs_and_why_allow_rules_cannot_match()
    {
        var (exitCode, output, _) = Run("-f", SamplePolicy, "--type", "ssh", "--command", "echo $(rm -rf /) && uptime");

        Assert.Equal(0, exitCode);
        Assert.Contains("rm -rf /,echo $(rm -rf /),uptime", output, StringComparison.Ordinal);
        Assert.Contains("note 1: arguments known only when it runs (echo $(rm -rf /)): Allow rules on commands do not match", output, StringComparison.Ordinal);
        Assert.Contains("decision: needs 1 approval under the defaultAction of ApprovalPolicy production (no rule matched)", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kubernetes", "GET /api/v1/namespaces/payments/pods/../secrets", "error: the gateway would refuse this request as malformed: the request path has a '..' segment")]
    [InlineData("http", "GET /admin/%2Fusers", "error: the gateway would refuse this request: ")]
    [InlineData("http", "/admin/users", "error: --request takes \"VERB PATH\"")]
    public void Requests_the_gateway_would_refuse_are_refused(string type, string request, string error)
    {
        var result = Run("-f", SamplePolicy, "--type", type, "--request", request);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith(error, result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nothing to test: --type postgres needs --sql or --sql-file", "--type", "postgres")]
    [InlineData("--type ssh takes exactly one of --command or --interactive; got --sql", "--type", "ssh", "--sql", "SELECT 1")]
    [InlineData("--type postgres takes exactly one of --sql or --sql-file; got --sql, --command", "--type", "postgres", "--sql", "SELECT 1", "--command", "ls")]
    [InlineData("the SQL holds no statement (only whitespace or comments)", "--type", "postgres", "--sql", "  -- nothing\n")]
    public void Input_that_does_not_fit_the_type_is_refused(string message, params string[] args)
    {
        var (exitCode, _, error) = Run(["-f", SamplePolicy, .. args]);

        Assert.Equal(1, exitCode);
        Assert.Equal($"error: {message}", error.Trim());
    }

    [Fact]
    public void A_missing_file_a_typo_and_broken_yaml_are_named()
    {
        Assert.Equal($"error: {_scratch}/absent.yaml: no such file or directory", Run("-f", Path.Combine(_scratch, "absent.yaml"), "--type", "postgres", "--sql", "SELECT 1").Error.Trim());

        var typo = Write("typo.yaml", """
            apiVersion: hoop.dev/v1alpha1
            kind: ApprovalPolicy
            metadata: {name: typo}
            spec:
              connections: [orders-db]
              rules:
              - name: writes
                match: {sql: {kinds: [write]}}
                action: RequireApproval
                aprovals: {required: 2}
            """);
        var (exitCode, _, error) = Run("-f", typo, "--type", "postgres", "--sql", "SELECT 1");
        Assert.Equal(1, exitCode);
        Assert.Contains("aprovals", error, StringComparison.Ordinal);
        Assert.StartsWith($"error: {typo}:", error, StringComparison.Ordinal);

        var broken = Write("broken.yaml", "kind: ApprovalPolicy\nspec: [unclosed\n");
        Assert.StartsWith($"error: {broken}: not valid YAML: line ", Run("-f", broken, "--type", "postgres", "--sql", "SELECT 1").Error, StringComparison.Ordinal);

        var duplicate = Write("duplicate.yaml", "kind: ApprovalPolicy\nkind: ApprovalPolicy\n");
        Assert.Contains("Duplicate key kind", Run("-f", duplicate, "--type", "postgres", "--sql", "SELECT 1").Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_policy_lists_every_problem_and_fails()
    {
        var invalid = Write("invalid.yaml", """
            apiVersion: hoop.dev/v1alpha1
            kind: ApprovalPolicy
            metadata: {name: invalid}
            spec:
              connections: [orders-db]
              rules:
              - name: drops
                match: {sql: {patterns: ["(?<=x)DROP"]}}
                action: Deny
              - name: slow
                match: {sql: {kinds: [ddl]}}
                action: RequireApproval
                timeout: 30d
            """);

        var (exitCode, output, error) = Run("-f", invalid, "--type", "postgres", "--sql", "SELECT 1");

        Assert.Equal(1, exitCode);
        Assert.Empty(output);
        Assert.Contains("error: ApprovalPolicy invalid: spec.rules[0].match.sql.patterns[0]: pattern '(?<=x)DROP' uses a construct RE2 does not support", error, StringComparison.Ordinal);
        Assert.Contains("error: ApprovalPolicy invalid: spec.rules[1].timeout: timeout '30d' must be a duration between 1m and 168h", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Files_without_policies_are_refused()
    {
        var (exitCode, _, error) = Run("-f", RepositoryFiles.PathOf("samples/hoop.dev_v1alpha1_connection_orders-db.yaml"), "--type", "postgres", "--sql", "SELECT 1");

        Assert.Equal(1, exitCode);
        Assert.StartsWith("error: no ApprovalPolicy found in ", error, StringComparison.Ordinal);
    }
}

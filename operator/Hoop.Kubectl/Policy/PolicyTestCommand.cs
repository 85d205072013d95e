using System.CommandLine;
using Hoop.Policy.Rules;
using Hoop.Policy.Sql;

namespace Hoop.Kubectl.Policy;

/// <summary>
/// <c>kubectl hoop policy test</c>: evaluates ApprovalPolicy files against a statement, command or request, offline,
/// exactly as the gateway would — for policy authors, and for CI before a policy change merges.
/// </summary>
internal static class PolicyTestCommand
{
    private static readonly string[] Types = ["postgres", "mysql", "ssh", "kubernetes", "http"];
    private static readonly string[] Actions = ["Allow", "Deny", "RequireApproval"];

    public static Command Create()
    {
        var files = new Option<string[]>("--filename", "-f") { Description = "ApprovalPolicy YAML/JSON files or directories (other kinds in them are skipped).", Required = true, AllowMultipleArgumentsPerToken = true };
        var type = new Option<string>("--type") { Description = "The connection type to test for.", Required = true };
        type.AcceptOnlyFromAmong(Types);
        var sql = new Option<string>("--sql") { Description = "SQL to classify and decide (postgres, mysql); several statements are decided one by one." };
        var sqlFile = new Option<FileInfo>("--sql-file") { Description = "File holding the SQL (postgres, mysql)." };
        var command = new Option<string>("--command") { Description = "SSH command line (ssh)." };
        var interactive = new Option<bool>("--interactive") { Description = "Test an interactive SSH session instead of a command (ssh)." };
        var request = new Option<string>("--request") { Description = "\"VERB PATH\" of a Kubernetes API or HTTP request, e.g. \"DELETE /api/v1/namespaces/payments/pods/web-0\"." };
        var user = new Option<string>("--user") { Description = "The user to test as (shows whether break-glass applies)." };
        var group = new Option<string[]>("--group") { Description = "A group of the user; repeat for several.", AllowMultipleArgumentsPerToken = true };
        var output = new Option<string>("--output", "-o") { Description = "Output format: table (default) or json.", DefaultValueFactory = _ => "table" };
        output.AcceptOnlyFromAmong("table", "json");
        var expect = new Option<string>("--expect") { Description = "Exit 1 unless the overall decision is this action (for CI)." };
        expect.AcceptOnlyFromAmong(Actions);

        var test = new Command("test", "Decide a statement, command or request against ApprovalPolicy files, offline.")
        {
            files, type, sql, sqlFile, command, interactive, request, user, group, output, expect,
        };
        test.SetAction(parseResult =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            var stderr = parseResult.InvocationConfiguration.Error;
            try
            {
                var connectionType = parseResult.GetValue(type)!;
                var operations = Read(connectionType, parseResult.GetValue(sql), parseResult.GetValue(sqlFile),
                    parseResult.GetValue(command), parseResult.GetValue(interactive), parseResult.GetValue(request));
                var policies = PolicyFiles.Load(parseResult.GetValue(files)!);
                if (policies.Count == 0)
                {
                    throw new UserError($"no ApprovalPolicy found in {string.Join(", ", parseResult.GetValue(files)!)}");
                }

                var set = PolicySet.Of("(tested)", policies);
                if (set.Broken.Count > 0)
                {
                    foreach (var broken in set.Broken)
                    {
                        foreach (var problem in broken.Problems)
                        {
                            stderr.WriteLine($"error: ApprovalPolicy {broken.PolicyName}: {problem}");
                        }
                    }

                    stderr.WriteLine("the gateway refuses everything a broken policy governs; fix the problems above");
                    return 1;
                }

                var results = operations.Select(o => (o, set.Evaluate(o.Facts))).ToList();
                var overall = set.EvaluateBatch([.. operations.Select(o => o.Facts)]);
                var report = new PolicyTestReport(connectionType, [.. set.Policies.Select(p => p.Name)], results, overall,
                    parseResult.GetValue(user), parseResult.GetValue(group) ?? []);
                if (parseResult.GetValue(output) == "json")
                {
                    report.WriteJson(stdout);
                }
                else
                {
                    report.WriteText(stdout);
                }

                if (parseResult.GetValue(expect) is { } expected && PolicyTestReport.ActionName(overall.Action) != expected)
                {
                    stderr.WriteLine($"error: expected {expected}, but the decision is {PolicyTestReport.ActionName(overall.Action)}: {overall.Message}");
                    return 1;
                }

                return 0;
            }
            catch (UserError e)
            {
                stderr.WriteLine($"error: {e.Message}");
                return 1;
            }
        });

        return new Command("policy", "Work with ApprovalPolicies.") { test };
    }

    private static IReadOnlyList<TestedOperation> Read(string type, string? sql, FileInfo? sqlFile, string? command, bool interactive, string? request)
    {
        var given = new List<string>();
        if (sql is not null)
        {
            given.Add("--sql");
        }

        if (sqlFile is not null)
        {
            given.Add("--sql-file");
        }

        if (command is not null)
        {
            given.Add("--command");
        }

        if (interactive)
        {
            given.Add("--interactive");
        }

        if (request is not null)
        {
            given.Add("--request");
        }

        var wanted = type switch
        {
            "postgres" or "mysql" => "--sql or --sql-file",
            "ssh" => "--command or --interactive",
            _ => "--request \"VERB PATH\"",
        };
        var fits = type switch
        {
            "postgres" or "mysql" => given is ["--sql"] or ["--sql-file"],
            "ssh" => given is ["--command"] or ["--interactive"],
            _ => given is ["--request"],
        };
        if (!fits)
        {
            throw new UserError(given.Count == 0
                ? $"nothing to test: --type {type} needs {wanted}"
                : $"--type {type} takes exactly one of {wanted}; got {string.Join(", ", given)}");
        }

        return type switch
        {
            "postgres" => OperationReader.Sql(sql ?? ReadFile(sqlFile!), SqlDialectSettings.PostgreSql),
            "mysql" => OperationReader.Sql(sql ?? ReadFile(sqlFile!), SqlDialectSettings.MySql),
            "ssh" => [interactive ? new TestedOperation("(interactive session)", SshCommandFacts.InteractiveSession) : OperationReader.Ssh(command!)],
            "kubernetes" => [OperationReader.Kubernetes(request!)],
            _ => [OperationReader.Http(request!)],
        };
    }

    private static string ReadFile(FileInfo file) =>
        file.Exists ? File.ReadAllText(file.FullName) : throw new UserError($"{file.FullName}: no such file");
}

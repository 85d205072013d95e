using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Hoop.Testing.Kubernetes;

namespace Hoop.Operator.Tests.Scenarios;

/// <summary>
/// Two <c>hoop-operator</c> processes with <c>--leader-elect</c> against one LocalKube: one reconciles; killing it outright
/// (no Lease release) hands over within the lease duration, and no request is decided twice.
/// </summary>
public sealed class LeaderFailoverTests : IAsyncLifetime
{
    private const string Ns = ScenarioCluster.Namespace;
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(15);
    private readonly LocalKubeFixture _localKube = new();
    private readonly List<(Process Process, StringBuilder Output)> _operators = [];
    private Kubectl? _admin;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Kubectl Admin => _admin ?? throw new InvalidOperationException("not initialized");

    public async ValueTask InitializeAsync()
    {
        await _localKube.InitializeAsync();
        _admin = new Kubectl(_localKube.KubeconfigFor(TestUsers.Admin));
        await ScenarioCluster.PrepareAsync(Admin,
            ["v1_secret_orders-db-credentials.yaml", "hoop.dev_v1alpha1_approvalpolicy_production.yaml", "hoop.dev_v1alpha1_connection_orders-db.yaml"], Ct);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (process, _) in _operators)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
            }

            process.Dispose();
        }

        _admin?.Dispose();
        await _localKube.DisposeAsync();
    }

    [Fact]
    public async Task Killing_the_leader_hands_over_within_the_lease_and_nothing_is_decided_twice()
    {
        var first = StartOperator();
        var second = StartOperator();

        (await Admin.RunAsync(["create", "-f", "-"], Request("add-column"), Ct)).Succeeded();
        await EventuallyAsync(async () => await PhaseAsync("add-column") == "Pending", TimeSpan.FromSeconds(60), "the leader decides the request");
        // Its log line may still be on its way through the pipe.
        await EventuallyAsync(() => Task.FromResult(Leading(first) || Leading(second)), TimeSpan.FromSeconds(10), "the leader says it reconciles");
        var leader = Leading(first) ? first : second;
        var standby = leader.Process == first.Process ? second : first;
        Assert.True(Leading(leader) && !Leading(standby), $"exactly one operator reconciles:\n--- first\n{first.Output}\n--- second\n{second.Output}");

        // Events are written after the status, best effort: let the leader's event for Pending land before it dies.
        await EventuallyAsync(async () => (await EventReasonsAsync()).Contains("AwaitingApproval"), TimeSpan.FromSeconds(10), "the leader records AwaitingApproval");
        leader.Process.Kill(entireProcessTree: true);
        var killed = Stopwatch.StartNew();
        foreach (var reviewer in new[] { TestUsers.Bob, TestUsers.Carol })
        {
            var review = new JsonArray(new JsonObject
            {
                ["op"] = "add",
                ["path"] = "/status/reviews/-",
                ["value"] = new JsonObject { ["reviewer"] = reviewer, ["groups"] = new JsonArray("dba-leads"), ["decision"] = "Approve" },
            });
            (await Admin.RunAsync(["patch", "accessrequest", "add-column", "-n", Ns, "--subresource=status", "--type=json", "-p", review.ToJsonString()], null, Ct)).Succeeded();
        }

        await EventuallyAsync(async () => await PhaseAsync("add-column") == "Approved", LeaseDuration + TimeSpan.FromSeconds(20),
            $"the standby takes over and approves; it said:\n{standby.Output}");
        Assert.True(Leading(standby), $"the standby reconciles now:\n{standby.Output}");
        Assert.True(killed.Elapsed < LeaseDuration + TimeSpan.FromSeconds(20), $"handover took {killed.Elapsed}");

        // One event per transition, whichever process made it: nothing was decided twice.
        Assert.Equal(["AwaitingApproval", "QuorumReached"], (await EventReasonsAsync()).Order());
    }

    private async Task<IReadOnlyList<string>> EventReasonsAsync() =>
        [.. JsonNode.Parse((await Admin.RunAsync(["get", "events", "-n", Ns, "-o", "json"], null, Ct)).Succeeded().Output)!["items"]!.AsArray()
            .Where(e => e!["involvedObject"]?["name"]?.GetValue<string>() == "add-column")
            .Select(e => e!["reason"]!.GetValue<string>())];

    private static bool Leading((Process Process, StringBuilder Output) candidate)
    {
        lock (candidate.Output)
        {
            return candidate.Output.ToString().Contains("caches synced; reconciling", StringComparison.Ordinal);
        }
    }

    private (Process Process, StringBuilder Output) StartOperator()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["POD_NAMESPACE"] = "hoop-system";
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "hoop-operator.dll"), "--kubeconfig", _localKube.KubeconfigFor(TestUsers.Admin), "--leader-elect" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        var output = new StringBuilder();
        void Append(object _, DataReceivedEventArgs e)
        {
            if (e.Data is not null)
            {
                lock (output)
                {
                    output.AppendLine(e.Data);
                }
            }
        }

        process.OutputDataReceived += Append;
        process.ErrorDataReceived += Append;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _operators.Add((process, output));
        return (process, output);
    }

    private static string Request(string name) => $$$$$"""
        {"apiVersion":"hoop.dev/v1alpha1","kind":"AccessRequest","metadata":{"name":"{{{{{name}}}}}","namespace":"payments"},
         "spec":{"connectionRef":{"name":"orders-db"},"requester":{"username":"alice"},"reason":"shipping dates","execution":"Gateway",
                 "operation":{"sql":{"statement":"ALTER TABLE orders ADD COLUMN shipped_at timestamptz"}}}}
        """;

    private async Task<string?> PhaseAsync(string name)
    {
        var result = await Admin.RunAsync(["get", "accessrequest", name, "-n", Ns, "-o", "jsonpath={.status.phase}"], null, Ct);
        return result.ExitCode == 0 ? result.Output.Trim() : null;
    }

    private static Task EventuallyAsync(Func<Task<bool>> check, TimeSpan within, string what) => ScenarioCluster.EventuallyAsync(check, within, what, Ct);
}

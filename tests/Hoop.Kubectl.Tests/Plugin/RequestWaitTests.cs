using System.Text.Json.Nodes;
using Hoop.Testing.Kubernetes;
using k8s;

namespace Hoop.Kubectl.Tests.Plugin;

/// <summary><c>kubectl hoop request --wait</c>, the CI path: exit 0 only once the approved operation ran.</summary>
[Collection(PluginWorldDefinition.Name)]
public sealed class RequestWaitTests(PluginWorld world)
{
    /// <summary>Starts <c>request --wait</c> as alice, and returns the run and the name of the request it created.</summary>
    private async Task<(Task<Hoop.Testing.Processes.CommandResult> Run, string Name)> StartWaitingRequestAsync(string sql)
    {
        var run = world.HoopAsync(TestUsers.Alice, ["request", "-n", PluginWorld.Namespace, "--connection", PluginWorld.ConnectionName,
            "--sql", sql, "--reason", "refund CHG-9", "--wait", "--timeout", "50s"]);
        string? name = null;
        await PluginWorld.EventuallyAsync(async () =>
        {
            var list = await world.Admin.CustomObjects.ListNamespacedCustomObjectAsync<JsonObject>(
                "hoop.dev", "v1alpha1", PluginWorld.Namespace, "accessrequests", cancellationToken: TestContext.Current.CancellationToken);
            var found = list["items"]!.AsArray().FirstOrDefault(i => (string?)i!["spec"]!["operation"]!["sql"]?["statement"] == sql
                && (string?)i["status"]?["phase"] == "Pending");
            name = (string?)found?["metadata"]!["name"];
            return name is not null || run.IsCompleted;
        }, "the request is created and pending");
        Assert.True(name is not null, run.IsCompleted ? (await run).Error : "no request");
        return (run, name!);
    }

    [Fact]
    public async Task Wait_exits_0_with_the_result_once_the_gateway_ran_the_approved_request()
    {
        var (run, name) = await StartWaitingRequestAsync("UPDATE orders SET total = 0 WHERE id = 10");

        Assert.Equal(0, (await world.HoopAsync(TestUsers.Bob, ["approve", name, "-n", PluginWorld.Namespace])).ExitCode);
        using (var gateway = new GatewayStandIn(world))
        {
            await gateway.RunAsync(name, rowsAffected: 1);
        }

        var result = await run;
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal($"accessrequest/{name} created\naccessrequest/{name} succeeded: 1 row affected, recording s-test-1", result.Output.Trim());
        Assert.Contains($"accessrequest/{name}  Succeeded  1/1", result.Error, StringComparison.Ordinal);

        var described = await world.HoopAsync(TestUsers.Alice, ["describe", name, "-n", PluginWorld.Namespace]);
        Assert.Contains("Result:\n  Executed by:    gw-0\n  Rows affected:  1\n", described.Output, StringComparison.Ordinal);
        Assert.Contains("Recording:\n  Session:        s-test-1\n  File:           s-test-1.jsonl\n", described.Output, StringComparison.Ordinal);
        Assert.Contains("execution started on gw-0", described.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_exits_0_once_the_request_succeeded()
    {
        var name = await world.RequestAsync(TestUsers.Alice, "UPDATE orders SET total = 1 WHERE id = 13");
        var watch = world.HoopAsync(TestUsers.Carol, ["watch", name, "-n", PluginWorld.Namespace]);
        Assert.Equal(0, (await world.HoopAsync(TestUsers.Bob, ["approve", name, "-n", PluginWorld.Namespace])).ExitCode);
        using (var gateway = new GatewayStandIn(world))
        {
            await gateway.RunAsync(name, rowsAffected: 1);
        }

        var result = await watch;

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains($"accessrequest/{name}  Succeeded  1/1", result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wait_exits_1_with_the_reason_when_the_request_is_denied()
    {
        var (run, name) = await StartWaitingRequestAsync("UPDATE orders SET total = 0 WHERE id = 11");

        Assert.Equal(0, (await world.HoopAsync(TestUsers.Carol, ["deny", name, "-n", PluginWorld.Namespace, "--comment", "freeze"])).ExitCode);

        var result = await run;
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"error: accessrequest/{name} denied: Denied by carol.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wait_exits_1_when_the_operation_failed_at_the_gateway()
    {
        var (run, name) = await StartWaitingRequestAsync("UPDATE orders SET total = 0 WHERE id = 12");
        Assert.Equal(0, (await world.HoopAsync(TestUsers.Bob, ["approve", name, "-n", PluginWorld.Namespace])).ExitCode);
        using (var gateway = new GatewayStandIn(world))
        {
            await gateway.RunAsync(name, 0, error: "relation \"orders\" is locked");
        }

        var result = await run;
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"error: accessrequest/{name} failed: relation \"orders\" is locked", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wait_gives_up_after_the_timeout_with_where_the_request_stands()
    {
        var result = await world.HoopAsync(TestUsers.Alice, ["request", "-n", PluginWorld.Namespace, "--connection", PluginWorld.ConnectionName,
            "--sql", "DELETE FROM orders WHERE id = 99", "--reason", "cleanup", "--wait", "--timeout", "2s"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Matches(@"error: timed out after 2s waiting for accessrequest/ar-\S+: it is still Pending \(0/1\)", result.Error);
    }

    [Fact]
    public async Task Request_without_an_operation_is_a_usage_error()
    {
        var result = await world.HoopAsync(TestUsers.Alice, ["request", "-n", PluginWorld.Namespace, "--connection", PluginWorld.ConnectionName, "--reason", "x"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: give exactly one of --sql, --sql-file and --command", result.Error.Trim());
    }
}

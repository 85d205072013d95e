using System.Text.Json.Nodes;
using Hoop.Testing.Kubernetes;
using k8s;

namespace Hoop.Kubectl.Tests.Plugin;

/// <summary><c>kubectl hoop whoami</c>, the kubeconfig flags, and <c>connect</c> with a stand-in psql.</summary>
[Collection(PluginWorldDefinition.Name)]
public sealed class SessionCommandTests(PluginWorld world)
{
    [Fact]
    public async Task Whoami_shows_the_user_and_groups_the_cluster_sees()
    {
        var result = await world.HoopAsync(TestUsers.Bob, ["whoami"]);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Matches(@"^ATTRIBUTE\s+VALUE\nUsername\s+bob\nUID\s+uid-bob\nGroups\s+\[dba-leads reviewers", result.Output);
    }

    [Fact]
    public async Task Whoami_json_is_the_self_subject_review()
    {
        var result = await world.HoopAsync(TestUsers.Alice, ["whoami", "-o", "json"]);

        var review = JsonNode.Parse(result.Output)!;
        Assert.Equal("SelfSubjectReview", (string?)review["kind"]);
        Assert.Equal("alice", (string?)review["status"]!["userInfo"]!["username"]);
    }

    [Fact]
    public async Task The_kubeconfig_flag_wins_over_KUBECONFIG_and_an_unknown_context_is_named()
    {
        var flag = await world.HoopAsync(TestUsers.Alice, ["whoami", "--kubeconfig", world.KubeconfigFor(TestUsers.Carol)]);
        var context = await world.HoopAsync(TestUsers.Alice, ["whoami", "--context", "nowhere"]);

        Assert.Matches(@"Username\s+carol", flag.Output);
        Assert.Equal(1, context.ExitCode);
        Assert.StartsWith("error: context \"nowhere\" does not exist in ", context.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_runs_psql_with_the_token_in_PGPASSWORD_and_never_on_its_command_line()
    {
        var stubs = world.Scratch("stub-psql");
        var psql = Path.Combine(stubs, "psql");
        // A stand-in for psql that shows what it was given: no gateway runs here to talk to.
        await File.WriteAllTextAsync(psql, """
            #!/bin/sh
            for a in "$@"; do echo "arg=$a"; done
            echo "PGPASSWORD=$PGPASSWORD"
            echo "PGOPTIONS=$PGOPTIONS"
            exit 3
            """, TestContext.Current.CancellationToken);
        File.SetUnixFileMode(psql, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        await PluginWorld.EventuallyAsync(async () =>
        {
            var connection = await world.Admin.CustomObjects.GetNamespacedCustomObjectAsync<JsonObject>("hoop.dev", "v1alpha1", PluginWorld.Namespace, "connections", PluginWorld.ConnectionName, TestContext.Current.CancellationToken);
            return connection["status"]?["endpoint"] is not null;
        }, "the operator wrote the Connection's endpoint");

        var result = await world.HoopAsync(TestUsers.Alice,
            ["connect", PluginWorld.ConnectionName, "-n", PluginWorld.Namespace, "--reason", "look at order 10", "--", "-c", "SELECT 1"], pathFirst: stubs);

        Assert.Equal(3, result.ExitCode);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var arguments = lines.Where(l => l.StartsWith("arg=", StringComparison.Ordinal)).Select(l => l[4..]).ToList();
        Assert.Equal(["--host", "orders-db-gateway.payments.svc", "--port", "5432", "--username", "alice", "--dbname", "orders", "-c", "SELECT 1"], arguments);
        Assert.Contains($"PGPASSWORD={TestUsers.TokenOf(TestUsers.Alice)}", lines);
        Assert.Contains(@"PGOPTIONS=-c hoop.reason=look\ at\ order\ 10", lines);
        Assert.DoesNotContain(arguments, a => a.Contains(TestUsers.TokenOf(TestUsers.Alice), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Connect_to_an_unknown_connection_says_how_to_list_them()
    {
        var result = await world.HoopAsync(TestUsers.Alice, ["connect", "nope-db", "-n", PluginWorld.Namespace]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: connections.hoop.dev \"nope-db\" not found in namespace payments; list them with 'kubectl get connections -n payments'", result.Error.Trim());
    }
}

using System.Text.Json.Nodes;
using Hoop.Testing.Kubernetes;

namespace Hoop.Kubectl.Tests.Plugin;

/// <summary><c>kubectl hoop list</c>, <c>describe</c> and <c>watch</c> through kubectl.</summary>
[Collection(PluginWorldDefinition.Name)]
public sealed class ListAndDescribeTests(PluginWorld world)
{
    [Fact]
    public async Task List_shows_a_kubectl_table_with_the_operation_and_approvals()
    {
        var name = await world.RequestAsync(TestUsers.Alice, "DELETE FROM orders WHERE id = 42");

        var result = await world.HoopAsync(TestUsers.Alice, ["list", "-n", PluginWorld.Namespace]);

        Assert.True(result.ExitCode == 0, result.Error);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^NAME\s+CONNECTION\s+REQUESTER\s+OPERATION\s+APPROVALS\s+PHASE\s+AGE$", lines[0]);
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, $@"^{name}\s+orders-db\s+alice\s+DELETE FROM orders WHERE id = 42\s+0/1\s+Pending\s+\d+s$"));
    }

    [Fact]
    public async Task To_review_lists_what_you_may_approve_and_never_your_own()
    {
        var name = await world.RequestAsync(TestUsers.Alice, "DELETE FROM orders WHERE id = 43");

        var bob = await world.HoopAsync(TestUsers.Bob, ["list", "--to-review", "-n", PluginWorld.Namespace]);
        var alice = await world.HoopAsync(TestUsers.Alice, ["list", "--to-review", "-n", PluginWorld.Namespace]);
        var dave = await world.HoopAsync(TestUsers.Dave, ["list", "--to-review", "-n", PluginWorld.Namespace]);

        Assert.Contains(name, bob.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(name, alice.Output, StringComparison.Ordinal);
        Assert.Equal(0, dave.ExitCode);
        Assert.Equal("", dave.Output);
        Assert.Equal("No resources found in payments namespace.", dave.Error.Trim());
    }

    [Fact]
    public async Task Mine_and_pending_filter_and_wide_adds_the_policy_and_rule()
    {
        var name = await world.RequestAsync(TestUsers.Alice, "DELETE FROM orders WHERE id = 44", "cleanup", "--ticket", "CHG-44");

        var bobs = await world.HoopAsync(TestUsers.Bob, ["list", "--mine", "-n", PluginWorld.Namespace]);
        var wide = await world.HoopAsync(TestUsers.Alice, ["list", "--mine", "--pending", "-o", "wide", "-n", PluginWorld.Namespace]);

        Assert.DoesNotContain(name, bobs.Output, StringComparison.Ordinal);
        Assert.Matches(@"POLICY\s+RULE\s+TICKET\s+EXPIRES", wide.Output);
        Assert.Matches($@"{name}\s.*\sproduction\s+writes\s+CHG-44\s+in \d+m", wide.Output);
    }

    [Fact]
    public async Task Json_output_is_a_v1_list_of_access_requests_across_namespaces()
    {
        var name = await world.RequestAsync(TestUsers.Alice, "DELETE FROM orders WHERE id = 45");

        var result = await world.HoopAsync(TestUsers.Admin, ["list", "-A", "-o", "json"]);

        Assert.True(result.ExitCode == 0, result.Error);
        var list = JsonNode.Parse(result.Output)!;
        Assert.Equal("List", (string?)list["kind"]);
        Assert.Equal("v1", (string?)list["apiVersion"]);
        var item = list["items"]!.AsArray().Single(i => (string?)i!["metadata"]!["name"] == name)!;
        Assert.Equal("AccessRequest", (string?)item["kind"]);
        Assert.Equal("alice", (string?)item["spec"]!["requester"]!["username"]);
    }

    [Fact]
    public async Task Yaml_output_reads_back_as_the_same_objects()
    {
        var name = await world.RequestAsync(TestUsers.Alice, "DELETE FROM orders WHERE id = 46");

        var result = await world.HoopAsync(TestUsers.Alice, ["list", "--mine", "-o", "yaml", "-n", PluginWorld.Namespace]);

        Assert.True(result.ExitCode == 0, result.Error);
        var parsed = (JsonObject)Hoop.Api.Serialization.YamlDocuments.ParseSingleObject(result.Output);
        Assert.Contains(parsed["items"]!.AsArray(), i => (string?)i!["metadata"]!["name"] == name && (string?)i["spec"]!["operation"]!["sql"]!["statement"] == "DELETE FROM orders WHERE id = 46");
    }

    [Fact]
    public async Task Describe_shows_the_operation_policy_reviews_and_timeline_without_colour_in_a_pipe()
    {
        var name = await world.RequestAsync(TestUsers.Alice, "DELETE FROM orders\nWHERE id = 47", "refund 47", "--ticket", "CHG-47");
        Assert.Equal(0, (await world.HoopAsync(TestUsers.Bob, ["approve", name, "-n", PluginWorld.Namespace, "--comment", "ok"])).ExitCode);

        var result = await world.HoopAsync(TestUsers.Bob, ["describe", name, "-n", PluginWorld.Namespace]);

        Assert.True(result.ExitCode == 0, result.Error);
        var text = result.Output;
        Assert.Contains($"Name:         {name}", text, StringComparison.Ordinal);
        Assert.Contains("Requester:    alice (groups: developers", text, StringComparison.Ordinal);
        Assert.Contains("Policy:       production, rule writes", text, StringComparison.Ordinal);
        Assert.Contains("Phase:        Approved", text, StringComparison.Ordinal);
        Assert.Contains("    DELETE FROM orders\n    WHERE id = 47", text, StringComparison.Ordinal);
        Assert.Matches(@"bob\s+Approve\s+dba-leads,reviewers\S*\s+ok", text);
        Assert.Contains("created by alice", text, StringComparison.Ordinal);
        Assert.Contains("approve by bob: ok", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\e[", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_exits_1_when_the_request_is_denied()
    {
        var name = await world.RequestAsync(TestUsers.Alice, "DELETE FROM orders WHERE id = 48");
        var watch = world.HoopAsync(TestUsers.Alice, ["watch", name, "-n", PluginWorld.Namespace]);
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        Assert.False(watch.IsCompleted, "watch ended while the request was still pending");

        Assert.Equal(0, (await world.HoopAsync(TestUsers.Bob, ["deny", name, "-n", PluginWorld.Namespace, "--comment", "no"])).ExitCode);
        var result = await watch;

        Assert.Equal(1, result.ExitCode);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains($"accessrequest/{name}  Pending  0/1", lines[0], StringComparison.Ordinal);
        Assert.Contains($"accessrequest/{name}  Denied  0/1  Denied by bob.", lines[^1], StringComparison.Ordinal);
    }
}

using Hoop.Testing.Kubernetes;

namespace Hoop.Kubectl.Tests.Plugin;

/// <summary><c>kubectl hoop approve</c> and <c>deny</c>, through kubectl, with the operator's webhooks deciding what counts.</summary>
[Collection(PluginWorldDefinition.Name)]
public sealed class ReviewCommandTests(PluginWorld world)
{
    private const string Ddl = "ALTER TABLE orders ADD COLUMN shipped_at timestamptz";

    [Fact]
    public async Task A_schema_change_is_approved_by_two_dba_leads_and_each_approval_says_what_is_left()
    {
        var name = await world.RequestAsync(TestUsers.Alice, Ddl);

        var first = await world.HoopAsync(TestUsers.Bob, ["approve", name, "-n", PluginWorld.Namespace, "--comment", "looks right"]);
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.StartsWith("approved by bob (1/2, still waiting: the rule needs 2 approvals, from dba-leads)", first.Output, StringComparison.Ordinal);

        var second = await world.HoopAsync(TestUsers.Carol, ["approve", name, "-n", PluginWorld.Namespace]);
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Equal($"accessrequest/{name} approved (2/2)", second.Output.Trim());
        Assert.Equal("Approved", await world.PhaseAsync(name));
    }

    [Fact]
    public async Task Approving_your_own_request_is_refused_in_the_webhooks_words()
    {
        var name = await world.RequestAsync(TestUsers.Alice, Ddl);

        var result = await world.HoopAsync(TestUsers.Alice, ["approve", name, "-n", PluginWorld.Namespace]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"alice cannot review their own request {name}", result.Error, StringComparison.Ordinal);
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.Equal("Pending", await world.PhaseAsync(name));
    }

    [Fact]
    public async Task Approving_without_the_approve_right_names_the_policy_and_the_role_to_ask_for()
    {
        var name = await world.RequestAsync(TestUsers.Alice, Ddl);

        var result = await world.HoopAsync(TestUsers.Dave, ["approve", name, "-n", PluginWorld.Namespace]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: you (dave) may not approve requests under policy production: ask for the hoop-approver role (verb approve on approvalpolicies/production in namespace payments)", result.Error.Trim());
    }

    [Fact]
    public async Task An_unknown_request_is_not_found_in_the_namespace()
    {
        var result = await world.HoopAsync(TestUsers.Bob, ["approve", "ar-nope", "-n", PluginWorld.Namespace]);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: accessrequests.hoop.dev \"ar-nope\" not found in namespace payments", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_decided_request_takes_no_more_reviews()
    {
        var name = await world.RequestAsync(TestUsers.Alice, "DELETE FROM orders WHERE id = 10");
        Assert.Equal(0, (await world.HoopAsync(TestUsers.Bob, ["approve", name, "-n", PluginWorld.Namespace])).ExitCode);

        var result = await world.HoopAsync(TestUsers.Carol, ["deny", name, "-n", PluginWorld.Namespace, "--comment", "too late"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: accessrequest/{name} is already Approved (1/1): only a Pending request takes reviews", result.Error.Trim());
    }

    [Fact]
    public async Task A_denial_needs_a_comment_and_then_denies_the_request()
    {
        var name = await world.RequestAsync(TestUsers.Alice, "DELETE FROM orders WHERE id = 11");

        var bare = await world.HoopAsync(TestUsers.Bob, ["deny", name, "-n", PluginWorld.Namespace]);
        Assert.Equal(1, bare.ExitCode);
        Assert.Contains("--comment", bare.Error, StringComparison.Ordinal);

        var result = await world.HoopAsync(TestUsers.Bob, ["deny", name, "-n", PluginWorld.Namespace, "--comment", "not during the sale"]);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal($"accessrequest/{name} denied by bob", result.Output.Trim());
        Assert.Equal("Denied", await world.PhaseAsync(name));
    }
}

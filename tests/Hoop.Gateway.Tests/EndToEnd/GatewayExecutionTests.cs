using Hoop.Testing.Kubernetes;

namespace Hoop.Gateway.Tests.EndToEnd;

/// <summary>The GitOps/CI path: a pipeline applies an AccessRequest with execution Gateway; once approved the gateway runs it in a transaction.</summary>
public sealed class GatewayExecutionTests(GatewayWorld world) : IClassFixture<GatewayWorld>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_approved_request_runs_once_in_a_transaction_and_reports_its_rows()
    {
        Assert.SkipWhen(world.MissingReason is not null, world.MissingReason ?? "");
        var name = await RequestAsync("ci-reprice", "UPDATE orders SET total = 99 WHERE id = 11");
        await ApproveAsync(name);

        await GatewayWorld.EventuallyAsync(async () => await world.RequestPhaseAsync(name) is "Succeeded" or "Failed", "the gateway ran the request", Ct);
        var status = await world.RequestStatusAsync(name);
        Assert.Equal("Succeeded", status!["phase"]!.GetValue<string>());
        Assert.Equal(1, status["execution"]!["rowsAffected"]!.GetValue<long>());
        Assert.Equal("gw-0", status["execution"]!["executedBy"]!.GetValue<string>());
        Assert.Equal(99m, await world.OrderTotalAsync(11));

        // The recording classifies the statement as a session's recording would.
        var file = Path.Combine(world.Recordings, status["execution"]!["recording"]!["file"]!.GetValue<string>());
        var log = await File.ReadAllTextAsync(file, Ct);
        Assert.Contains("\"kind\":\"write\"", log, StringComparison.Ordinal);
        Assert.Contains("\"orders\"", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_statement_rolls_back_everything_and_the_request_says_why()
    {
        Assert.SkipWhen(world.MissingReason is not null, world.MissingReason ?? "");
        var name = await RequestAsync("ci-broken", "UPDATE orders SET total = 0 WHERE id = 10; UPDATE orders SET total = 1 / 0 WHERE id = 11");
        await ApproveAsync(name);

        await GatewayWorld.EventuallyAsync(async () => await world.RequestPhaseAsync(name) is "Succeeded" or "Failed", "the gateway ran the request", Ct);
        var status = await world.RequestStatusAsync(name);
        Assert.Equal("Failed", status!["phase"]!.GetValue<string>());
        Assert.StartsWith("22012", status["execution"]!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(42.50m, await world.OrderTotalAsync(10));
    }

    private async Task<string> RequestAsync(string name, string sql)
    {
        var manifest = $$"""
            apiVersion: hoop.dev/v1alpha1
            kind: AccessRequest
            metadata:
              name: {{name}}
              namespace: {{GatewayWorld.Namespace}}
            spec:
              connectionRef: {name: {{GatewayWorld.ConnectionName}}}
              reason: "pipeline 4711"
              execution: Gateway
              operation:
                sql:
                  statement: "{{sql}}"
            """;
        (await world.As(TestUsers.Alice).RunAsync(["apply", "-f", "-"], manifest, Ct)).Succeeded();
        await GatewayWorld.EventuallyAsync(async () => await world.RequestPhaseAsync(name) == "Pending", "the operator evaluated the request", Ct);
        return name;
    }

    private async Task ApproveAsync(string name) =>
        (await world.As(TestUsers.Bob).RunAsync(["patch", "accessrequest", name, "-n", GatewayWorld.Namespace, "--subresource=status", "--type=json",
            "-p", """[{"op":"add","path":"/status/reviews/-","value":{"decision":"Approve"}}]"""], null, Ct)).Succeeded();
}

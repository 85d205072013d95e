using System.Globalization;
using Hoop.Testing.Kubernetes;

namespace Hoop.Gateway.Tests.EndToEnd;

/// <summary>pgbench's select-only load through the gateway, in each of its query protocols.</summary>
public sealed class PgbenchThroughGatewayTests(PgbenchWorld fixture) : IClassFixture<PgbenchWorld>
{
    [Theory]
    [InlineData("simple")]
    [InlineData("extended")]
    [InlineData("prepared")]
    public async Task Select_only_pgbench_runs_through_the_gateway(string protocol)
    {
        var world = fixture.World;
        Assert.SkipWhen(world.MissingReason is not null, world.MissingReason ?? "");
        var pgbench = PostgresClientPrograms.Find("pgbench");
        Assert.True(fixture.InitializeProblem is null, fixture.InitializeProblem);

        var result = await PostgresClientPrograms.RunAsync(pgbench,
            ["-S", "-n", "-c", "2", "-T", "3", "-M", protocol, "-h", "127.0.0.1", "-p", world.Gateway.Port.ToString(CultureInfo.InvariantCulture),
             "-U", TestUsers.Alice, world.Database],
            TestUsers.TokenOf(TestUsers.Alice), "disable", TestContext.Current.CancellationToken);

        Assert.True(result.ExitCode == 0, $"pgbench -M {protocol} exited with {result.ExitCode}: {result.Error}{result.Output}");
        Assert.Contains("tps", result.Output, StringComparison.Ordinal);
        Assert.Contains("number of failed transactions: 0", result.Output, StringComparison.Ordinal);
    }
}

using System.Diagnostics;
using Hoop.Testing.Postgres;
using Hoop.Testing.Processes;

namespace Hoop.Testing.Tests.Processes;

public sealed class WatchdogDeathTests
{
    [Fact]
    public async Task The_server_dies_with_its_watchdog()
    {
        var ct = TestContext.Current.CancellationToken;
        if (PostgresServer.MissingPrerequisite() is { } missing)
        {
            TestEnvironment.SkipUnlessCI(missing);
        }

        await using var server = await PostgresServer.StartAsync(ct);
        Assert.True(ServerProcess.IsAlive(server.ProcessId));

        using (var watchdog = Process.GetProcessById(server.WatchdogProcessId))
        {
            watchdog.Kill();
        }

        var clock = Stopwatch.StartNew();
        while ((ServerProcess.IsAlive(server.ProcessId) || FreePort.IsListening(server.Port)) && clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(100, ct);
        }

        Assert.False(ServerProcess.IsAlive(server.ProcessId), "the kernel kills the server when its watchdog dies (parent death signal)");
        Assert.False(FreePort.IsListening(server.Port));
    }
}

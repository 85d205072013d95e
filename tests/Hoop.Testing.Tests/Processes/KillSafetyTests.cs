using System.Diagnostics;
using System.Globalization;
using Hoop.Testing.Processes;

namespace Hoop.Testing.Tests.Processes;

/// <summary>
/// A test run that is killed or cancelled midway must leave no server, port or scratch directory behind.
/// A separate process (Hoop.Testing.KillProbe) starts every fixture server; we kill it and watch them go.
/// </summary>
public sealed class KillSafetyTests
{
    private static readonly TimeSpan CleanupDeadline = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("KILL", false)]
    [InlineData("TERM", false)]
    [InlineData("INT", false)]
    [InlineData("KILL", true)]
    [InlineData("INT", true)]
    public async Task Servers_ports_and_directories_are_gone_after_the_test_process_dies(string signal, bool wholeProcessGroup)
    {
        var ct = TestContext.Current.CancellationToken;
        using var probe = StartProbe();
        try
        {
            var (probePid, servers) = await ReadServersAsync(probe, ct);
            if (TestEnvironment.IsCI)
            {
                Assert.Equal(["mariadb", "postgres", "sshd"], servers.Select(s => s.Kind).Order());
            }
            else if (servers.Count == 0)
            {
                Assert.Skip("no server is installed to start (run `make deps`)");
            }

            foreach (var server in servers)
            {
                Assert.True(ServerProcess.IsAlive(server.Pid), $"{server.Kind} runs before the kill");
                Assert.True(FreePort.IsListening(server.Port), $"{server.Kind} listens before the kill");
            }

            // The probe runs under a shell that leads its own process group (setsid), so the group kill cannot hit
            // this test host. Killed with its shell, the probe is orphaned and may linger as a zombie for a while.
            var target = wholeProcessGroup ? $"-{probe.Id}" : probePid.ToString(CultureInfo.InvariantCulture);
            await OneShotCommand.RunAsync("kill", [$"-{signal}", "--", target], cancellationToken: ct);
            await probe.WaitForExitAsync(ct);

            foreach (var server in servers)
            {
                var gone = await EventuallyAsync(
                    () => !ServerProcess.IsAlive(server.Pid) && !FreePort.IsListening(server.Port) && !Directory.Exists(server.Dir), ct);
                Assert.True(gone, $"{server.Kind} (pid {server.Pid}, port {server.Port}, {server.Dir}) is still there {CleanupDeadline.TotalSeconds} s after the test process died of SIG{signal}");
            }
        }
        finally
        {
            if (!probe.HasExited)
            {
                probe.Kill(entireProcessTree: true);
            }
        }
    }

    private static Process StartProbe()
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        // A shell between this test and the probe, like `dotnet test` above a test host. Each dies with its parent
        // (parent death signal), so a probe can never outlive this test, whatever happens to it.
        var start = new ProcessStartInfo("setsid") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "setpriv", "--pdeathsig=KILL", "bash", "-c", "setpriv --pdeathsig=KILL \"$0\" \"$1\"; exit $?" })
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add(dotnet);
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Hoop.Testing.KillProbe.dll"));
        return Process.Start(start) ?? throw new InvalidOperationException("could not start the kill probe");
    }

    private static async Task<(int ProbePid, List<(string Kind, int Pid, int Port, string Dir)> Servers)> ReadServersAsync(Process probe, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(3));
        var probePid = 0;
        var servers = new List<(string, int, int, string)>();
        while (await probe.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line == "ready")
            {
                return (probePid, servers);
            }

            if (line.StartsWith("probe ", StringComparison.Ordinal))
            {
                probePid = int.Parse(line[6..], CultureInfo.InvariantCulture);
                continue;
            }

            var parts = line.Split(' ', 5);
            Assert.Equal("server", parts[0]);
            servers.Add((parts[1], int.Parse(parts[2], CultureInfo.InvariantCulture), int.Parse(parts[3], CultureInfo.InvariantCulture), parts[4]));
        }

        throw new InvalidOperationException($"the kill probe exited before its servers were ready (exit code {(probe.HasExited ? probe.ExitCode : -1)})");
    }

    private static async Task<bool> EventuallyAsync(Func<bool> condition, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < CleanupDeadline)
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(200, ct);
        }

        return condition();
    }
}

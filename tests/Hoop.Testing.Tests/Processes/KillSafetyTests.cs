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
    [InlineData("KILL")]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task Servers_ports_and_directories_are_gone_after_the_test_process_dies(string signal)
    {
        var ct = TestContext.Current.CancellationToken;
        using var probe = StartProbe();
        try
        {
            var servers = await ReadServersAsync(probe, ct);
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

            await OneShotCommand.RunAsync("kill", [$"-{signal}", probe.Id.ToString(CultureInfo.InvariantCulture)], cancellationToken: ct);
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
                probe.Kill();
            }
        }
    }

    private static Process StartProbe()
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet) { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Hoop.Testing.KillProbe.dll"));
        return Process.Start(start) ?? throw new InvalidOperationException("could not start the kill probe");
    }

    private static async Task<List<(string Kind, int Pid, int Port, string Dir)>> ReadServersAsync(Process probe, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(3));
        var servers = new List<(string, int, int, string)>();
        while (await probe.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line == "ready")
            {
                return servers;
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

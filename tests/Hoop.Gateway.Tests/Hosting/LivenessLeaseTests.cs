using System.Net;
using System.Net.Sockets;
using Hoop.Gateway.Hosting;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hoop.Gateway.Tests.Hosting;

/// <summary>
/// The liveness Lease against an API server that never answers or is not there: the gateway keeps serving (a lapsed
/// Lease is the operator's signal), and a shutdown in the middle of a renewal ends quietly instead of failing the host.
/// </summary>
public sealed class LivenessLeaseTests
{
    private static readonly GatewayOptions Options = new()
    {
        Namespace = "payments",
        Connection = "orders-db",
        Recordings = new DirectoryInfo(Path.GetTempPath()),
        Replica = "gateway-0",
    };

    [Fact]
    public async Task A_shutdown_during_a_renewal_ends_the_loop_without_an_error()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start(); // accepts connections, never answers
        var lease = new LivenessLease(ClientOf($"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}"), Options, TimeProvider.System, NullLogger.Instance);
        using var stop = new CancellationTokenSource();

        var running = lease.RunAsync(() => true, stop.Token);
        await Task.Delay(300, TestContext.Current.CancellationToken);
        Assert.False(running.IsCompleted);
        await stop.CancelAsync();

        await running.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.True(running.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task An_api_server_that_is_away_is_retried_not_fatal()
    {
        var lease = new LivenessLease(ClientOf($"http://127.0.0.1:{ClosedPort()}"), Options, TimeProvider.System, NullLogger.Instance);
        using var stop = new CancellationTokenSource();

        var running = lease.RunAsync(() => true, stop.Token);
        await Task.Delay(500, TestContext.Current.CancellationToken);
        Assert.False(running.IsCompleted, "a refused renewal must not end the loop");
        await stop.CancelAsync();

        await running.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.True(running.IsCompletedSuccessfully);
    }

    private static Kubernetes ClientOf(string host) => new(new KubernetesClientConfiguration { Host = host });

    private static int ClosedPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}

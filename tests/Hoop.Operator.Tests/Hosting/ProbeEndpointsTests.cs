using System.Net;
using Hoop.Kube.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus;

namespace Hoop.Operator.Tests.Hosting;

public sealed class ProbeEndpointsTests
{
    private static readonly IPEndPoint AnyLoopbackPort = new(IPAddress.Loopback, 0);

    [Fact]
    public async Task Readiness_waits_for_the_operator_while_liveness_answers_at_once()
    {
        var ct = TestContext.Current.CancellationToken;
        var health = new ProcessHealth();
        await using var endpoints = await ProbeEndpoints.StartAsync(AnyLoopbackPort, AnyLoopbackPort, health, Metrics.NewCustomRegistry(), NullLoggerFactory.Instance, ct);
        using var http = new HttpClient { BaseAddress = endpoints.HealthUrl };

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz", ct)).StatusCode);
        var notReady = await http.GetAsync("/readyz", ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Equal("starting\n", await notReady.Content.ReadAsStringAsync(ct));

        health.MarkReady();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz", ct)).StatusCode);

        health.Fail("the AccessRequest informer stopped");
        var dead = await http.GetAsync("/healthz", ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, dead.StatusCode);
        Assert.Equal("the AccessRequest informer stopped\n", await dead.Content.ReadAsStringAsync(ct));
    }

    [Fact]
    public async Task Metrics_are_served_on_their_own_address_only()
    {
        var ct = TestContext.Current.CancellationToken;
        var registry = Metrics.NewCustomRegistry();
        Metrics.WithCustomRegistry(registry).CreateCounter("hoop_operator_test_total", "A counter for this test.").Inc(3);
        await using var endpoints = await ProbeEndpoints.StartAsync(
            new IPEndPoint(IPAddress.Loopback, FreePort()), new IPEndPoint(IPAddress.Loopback, FreePort()), new ProcessHealth(), registry, NullLoggerFactory.Instance, ct);
        using var http = new HttpClient();

        var text = await http.GetStringAsync(new Uri(endpoints.MetricsUrl!, "/metrics"), ct);
        Assert.Contains("hoop_operator_test_total 3", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri(endpoints.HealthUrl!, "/metrics"), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri(endpoints.MetricsUrl!, "/healthz"), ct)).StatusCode);
    }

    [Fact]
    public async Task Without_listen_addresses_nothing_listens_not_even_a_default_port()
    {
        await using var endpoints = await ProbeEndpoints.StartAsync(null, null, new ProcessHealth(), Metrics.NewCustomRegistry(), NullLoggerFactory.Instance, TestContext.Current.CancellationToken);
        Assert.Null(endpoints.HealthUrl);
        Assert.Null(endpoints.MetricsUrl);

        // Two of them side by side: an endpoint server bound to a default port would make the second fail.
        await using var second = await ProbeEndpoints.StartAsync(null, null, new ProcessHealth(), Metrics.NewCustomRegistry(), NullLoggerFactory.Instance, TestContext.Current.CancellationToken);
        Assert.Null(second.HealthUrl);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace Hoop.Kube.Hosting;

/// <summary>
/// <c>/healthz</c> and <c>/readyz</c> on the health address, <c>/metrics</c> on the metrics address (both on one when they are
/// the same). Plain HTTP on loopback or the pod network, as kubelet probes and Prometheus scrapes expect.
/// </summary>
internal sealed class ProbeEndpoints : IAsyncDisposable
{
    private readonly WebApplication? _app;

    private ProbeEndpoints(WebApplication? app, Uri? health, Uri? metrics)
    {
        _app = app;
        HealthUrl = health;
        MetricsUrl = metrics;
    }

    /// <summary>Where <c>/healthz</c> and <c>/readyz</c> answer, once started; null when not asked for.</summary>
    public Uri? HealthUrl { get; }

    /// <summary>Where <c>/metrics</c> answers, once started; null when not asked for.</summary>
    public Uri? MetricsUrl { get; }

    public static async Task<ProbeEndpoints> StartAsync(
        IPEndPoint? health, IPEndPoint? metrics, ProcessHealth state, CollectorRegistry registry, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (health is null && metrics is null)
        {
            // Nothing asked for: serve nothing (an empty Kestrel would bind its default port, 5000).
            return new ProbeEndpoints(null, null, null);
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        var same = health is not null && health.Equals(metrics);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            if (health is not null)
            {
                kestrel.Listen(health);
            }

            if (metrics is not null && !same)
            {
                kestrel.Listen(metrics);
            }
        });

        var app = builder.Build();

        // The ports are known only once Kestrel has bound them (port 0 picks a free one); requests arrive only after that.
        Uri? healthUrl = null;
        Uri? metricsUrl = null;
        app.Use(async (context, next) =>
        {
            var port = context.Connection.LocalPort;
            var path = context.Request.Path;
            if (healthUrl?.Port == port && (path == "/healthz" || path == "/readyz"))
            {
                var (ok, why) = path == "/healthz" ? state.Live() : state.Ready();
                context.Response.StatusCode = ok ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync(ok ? "ok\n" : why + "\n", context.RequestAborted).ConfigureAwait(false);
                return;
            }

            if (metricsUrl?.Port == port && path == "/metrics")
            {
                await next(context).ConfigureAwait(false);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status404NotFound;
        });
        app.UseMetricServer(settings => settings.Registry = registry, "/metrics");
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var bound = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses
            .Select(a => new Uri(a)).ToList();
        healthUrl = health is null ? null : bound[0];
        metricsUrl = metrics is null ? null : same ? healthUrl : bound[^1];
        return new ProbeEndpoints(app, healthUrl, metricsUrl);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is null)
        {
            return;
        }

        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}

using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hoop.Operator.Webhooks;

/// <summary>
/// The HTTPS server the API server calls for admission: <see cref="WebhookPaths.MutateAccessRequests"/> and
/// <see cref="WebhookPaths.ValidateAccessRequests"/>. Serves the certificate from <see cref="WebhookCertificates"/>;
/// a renewed one can be swapped in without a restart.
/// </summary>
internal sealed class WebhookServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private X509Certificate2 _certificate;

    private WebhookServer(WebApplication app, X509Certificate2 certificate, Uri url)
    {
        _app = app;
        _certificate = certificate;
        Url = url;
    }

    /// <summary>Where it serves, with the port actually bound, e.g. <c>https://127.0.0.1:40123</c>.</summary>
    public Uri Url { get; }

    public int Port => Url.Port;

    /// <summary>Starts serving on <paramref name="listen"/>; port 0 picks a free one (see <see cref="Port"/>).</summary>
    public static async Task<WebhookServer> StartAsync(
        IPEndPoint listen,
        X509Certificate2 certificate,
        AccessRequestMutator mutator,
        AccessRequestValidator validator,
        ILoggerFactory? loggerFactory,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(listen);
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(mutator);
        ArgumentNullException.ThrowIfNull(validator);
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Hoop.Operator.Webhooks");
        WebhookServer? server = null;
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = AdmissionEndpoint.MaxBodyBytes;
            kestrel.Listen(listen, endpoint =>
            {
                endpoint.Protocols = HttpProtocols.Http1AndHttp2;
                endpoint.UseHttps(https => https.ServerCertificateSelector = (_, _) => server?._certificate ?? certificate);
            });
        });
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        var endpoints = new[]
        {
            new AdmissionEndpoint(WebhookPaths.MutateAccessRequests, (request, _) => Task.FromResult(mutator.Mutate(request)), logger),
            new AdmissionEndpoint(WebhookPaths.ValidateAccessRequests, validator.ValidateAsync, logger),
        };
        app.Run(context =>
        {
            var endpoint = Array.Find(endpoints, e => context.Request.Path.Equals(e.Path, StringComparison.Ordinal));
            if (endpoint is null)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            return endpoint.HandleAsync(context);
        });
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        var host = listen.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{listen.Address}]" : listen.Address.ToString();
        server = new WebhookServer(app, certificate, new Uri($"https://{host}:{port.ToString(CultureInfo.InvariantCulture)}"));
        WebhookLog.Listening(logger, server.Url.ToString());
        return server;
    }

    /// <summary>Serves <paramref name="certificate"/> to new connections from now on (after a renewal).</summary>
    public void UpdateCertificate(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        Interlocked.Exchange(ref _certificate, certificate);
    }

    public Task StopAsync(CancellationToken cancellationToken) => _app.StopAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}

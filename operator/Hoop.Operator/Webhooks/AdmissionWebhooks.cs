using k8s;
using Microsoft.Extensions.Logging;

namespace Hoop.Operator.Webhooks;

/// <summary>
/// The webhooks, wired: resolve the operator's identity, ensure the serving certificate, start the server, then register
/// it with the API server (last, so the API server never calls a webhook that is not yet listening).
/// </summary>
internal sealed class AdmissionWebhooks : IAsyncDisposable
{
    private readonly WebhookCertificate _certificate;

    private AdmissionWebhooks(WebhookServer server, WebhookCertificate certificate, OperatorIdentity identity, WebhookTarget target)
    {
        Server = server;
        _certificate = certificate;
        Identity = identity;
        Target = target;
    }

    public WebhookServer Server { get; }

    public OperatorIdentity Identity { get; }

    /// <summary>How the API server was told to reach the server.</summary>
    public WebhookTarget Target { get; }

    public string AuthorityPem => _certificate.AuthorityPem;

    public static async Task<AdmissionWebhooks> StartAsync(
        IKubernetes client, AdmissionWebhookOptions options, TimeProvider time, ILoggerFactory? loggerFactory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var logger = loggerFactory?.CreateLogger("Hoop.Operator.Webhooks");
        var identity = options.Identity ?? await OperatorIdentity.ResolveAsync(client, cancellationToken).ConfigureAwait(false);
        var names = WebhookHostNames.For(options.ServiceName, options.Namespace, options.UrlBase);
        var certificate = await new WebhookCertificates(client, time, logger).EnsureAsync(options.Namespace, names, cancellationToken).ConfigureAwait(false);
        WebhookServer? server = null;
        try
        {
            server = await WebhookServer.StartAsync(
                options.Listen,
                certificate.Server,
                new AccessRequestMutator(time),
                new AccessRequestValidator(identity, new KubernetesReviewAuthority(client)),
                loggerFactory,
                cancellationToken).ConfigureAwait(false);
            var target = options.UrlBase is { } url
                ? WebhookTarget.ForUrl(url.Port == 0 ? new UriBuilder(url) { Port = server.Port }.Uri : url)
                : WebhookTarget.ForService(options.Namespace, options.ServiceName, options.ServicePort);
            await new WebhookRegistration(client, logger).EnsureAsync(target, certificate.AuthorityPem, cancellationToken).ConfigureAwait(false);
            return new AdmissionWebhooks(server, certificate, identity, target);
        }
        catch
        {
            if (server is not null)
            {
                await server.DisposeAsync().ConfigureAwait(false);
            }

            certificate.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync().ConfigureAwait(false);
        _certificate.Dispose();
    }
}

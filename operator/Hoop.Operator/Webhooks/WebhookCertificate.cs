using System.Security.Cryptography.X509Certificates;

namespace Hoop.Operator.Webhooks;

/// <summary>The webhooks' TLS material: the CA the API server trusts (caBundle) and the serving certificate with its key.</summary>
internal sealed class WebhookCertificate(string authorityPem, X509Certificate2 server) : IDisposable
{
    /// <summary>The CA certificate, PEM; its bytes are the webhook configurations' caBundle.</summary>
    public string AuthorityPem { get; } = authorityPem;

    /// <summary>The serving certificate with its private key, for Kestrel.</summary>
    public X509Certificate2 Server { get; } = server;

    public DateTimeOffset NotAfter => new(Server.NotAfter.ToUniversalTime());

    public void Dispose() => Server.Dispose();
}

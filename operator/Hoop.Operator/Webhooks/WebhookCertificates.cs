using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hoop.Operator.Webhooks;

/// <summary>
/// A self-signed CA and the serving certificate it signs, kept in a Secret in the operator's namespace so every replica
/// serves the same one. Reused while it covers the names and stays valid for more than <see cref="RenewBefore"/>.
/// </summary>
internal sealed class WebhookCertificates(IKubernetes client, TimeProvider time, ILogger? logger = null)
{
    public const string SecretName = "hoop-operator-webhook-tls";
    public const string AuthorityKey = "ca.crt";
    public const string CertificateKey = "tls.crt";
    public const string PrivateKeyKey = "tls.key";

    public static readonly TimeSpan RenewBefore = TimeSpan.FromDays(30);
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(365);

    private const int Attempts = 5;
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    /// <summary>
    /// Reads the Secret and returns its certificate when still good; otherwise creates a new one and stores it. When another
    /// replica writes the Secret at the same moment (409), reads again and takes theirs.
    /// </summary>
    public async Task<WebhookCertificate> EnsureAsync(string @namespace, WebhookHostNames names, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(@namespace);
        ArgumentNullException.ThrowIfNull(names);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var secret = await ReadAsync(@namespace, cancellationToken).ConfigureAwait(false);
            if (secret?.Data is { } data && TryLoad(data, names, time.GetUtcNow()) is { } existing)
            {
                WebhookLog.Certificate(_logger, "reused", @namespace, SecretName, existing.NotAfter);
                return existing;
            }

            var fresh = Create(names, time.GetUtcNow());
            try
            {
                var stored = ToData(fresh);
                if (secret is null)
                {
                    var created = new V1Secret
                    {
                        ApiVersion = "v1",
                        Kind = "Secret",
                        Metadata = new V1ObjectMeta { Name = SecretName, NamespaceProperty = @namespace, Labels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = "hoop-operator" } },
                        Type = "kubernetes.io/tls",
                        Data = stored,
                    };
                    await client.CoreV1.CreateNamespacedSecretAsync(created, @namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    secret.Data = stored;
                    await client.CoreV1.ReplaceNamespacedSecretAsync(secret, SecretName, @namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
                }

                WebhookLog.Certificate(_logger, secret is null ? "created" : "renewed", @namespace, SecretName, fresh.NotAfter);
                return fresh;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
            {
                // Another replica created or renewed it first: read theirs.
                fresh.Dispose();
            }
            catch
            {
                fresh.Dispose();
                throw;
            }
        }

        throw new InvalidOperationException(
            $"could not settle the webhook certificate in Secret {@namespace}/{SecretName} after {Attempts} attempts: other writers keep changing it");
    }

    /// <summary>A new CA and a serving certificate for <paramref name="names"/>, valid from a few minutes before <paramref name="now"/>.</summary>
    public static WebhookCertificate Create(WebhookHostNames names, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(names);
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=hoop-operator-webhook-ca", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now + Lifetime + TimeSpan.FromDays(1));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest($"CN={(names.DnsNames.Count > 0 ? names.DnsNames[0] : "hoop-operator-webhook")}", serverKey, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var dns in names.DnsNames)
        {
            san.AddDnsName(dns);
        }

        foreach (var ip in names.IpAddresses)
        {
            san.AddIpAddress(ip);
        }

        serverRequest.CertificateExtensions.Add(san.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        serverRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        using var signed = serverRequest.Create(ca, now.AddMinutes(-5), now + Lifetime, RandomNumberGenerator.GetBytes(16));
        using var withKey = signed.CopyWithPrivateKey(serverKey);
        return new WebhookCertificate(ca.ExportCertificatePem(), Usable(withKey));
    }

    /// <summary>
    /// The certificate stored in a Secret's data, or null when it is missing, unreadable, not signed by the stored CA,
    /// missing one of <paramref name="names"/>, or expiring within <see cref="RenewBefore"/>.
    /// </summary>
    public static WebhookCertificate? TryLoad(IDictionary<string, byte[]> data, WebhookHostNames names, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(names);
        if (!data.TryGetValue(AuthorityKey, out var caBytes) || !data.TryGetValue(CertificateKey, out var certBytes) || !data.TryGetValue(PrivateKeyKey, out var keyBytes))
        {
            return null;
        }

        X509Certificate2? server = null;
        try
        {
            var caPem = Encoding.ASCII.GetString(caBytes);
            using var ca = X509Certificate2.CreateFromPem(caPem);
            using var pemPair = X509Certificate2.CreateFromPem(Encoding.ASCII.GetString(certBytes), Encoding.ASCII.GetString(keyBytes));
            server = Usable(pemPair);
            if (server.NotAfter.ToUniversalTime() <= (now + RenewBefore).UtcDateTime || server.NotBefore.ToUniversalTime() > now.UtcDateTime
                || !Covers(server, names) || !SignedBy(server, ca, now))
            {
                server.Dispose();
                return null;
            }

            return new WebhookCertificate(caPem, server);
        }
        catch (CryptographicException)
        {
            server?.Dispose();
            return null;
        }
    }

    private static Dictionary<string, byte[]> ToData(WebhookCertificate certificate)
    {
        using var key = certificate.Server.GetECDsaPrivateKey() ?? throw new InvalidOperationException("the serving certificate has no ECDSA private key");
        return new Dictionary<string, byte[]>
        {
            [AuthorityKey] = Encoding.ASCII.GetBytes(certificate.AuthorityPem),
            [CertificateKey] = Encoding.ASCII.GetBytes(certificate.Server.ExportCertificatePem()),
            [PrivateKeyKey] = Encoding.ASCII.GetBytes(key.ExportPkcs8PrivateKeyPem()),
        };
    }

    private async Task<V1Secret?> ReadAsync(string @namespace, CancellationToken cancellationToken)
    {
        try
        {
            return await client.CoreV1.ReadNamespacedSecretAsync(SecretName, @namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private static bool Covers(X509Certificate2 certificate, WebhookHostNames names)
    {
        var san = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
        if (san is null)
        {
            return false;
        }

        var dns = san.EnumerateDnsNames().ToHashSet(StringComparer.OrdinalIgnoreCase);
        var ips = san.EnumerateIPAddresses().ToHashSet();
        return names.DnsNames.All(dns.Contains) && names.IpAddresses.All(ips.Contains);
    }

    private static bool SignedBy(X509Certificate2 certificate, X509Certificate2 authority, DateTimeOffset now)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        return chain.Build(certificate);
    }

    // Through PKCS#12 so the key is usable by the TLS stack wherever the certificate goes.
    private static X509Certificate2 Usable(X509Certificate2 withKey) =>
        X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
}

using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Hoop.Gateway.Hosting;

/// <summary>
/// The certificate clients see when they ask for TLS: generated at start (ECDSA P-256, self-signed, for the gateway's
/// Service names), so the bearer token in the password never crosses the network in plain text. Clients that verify
/// (sslmode=verify-full) need a certificate from the cluster's CA, which a later version reads from a Secret.
/// </summary>
internal static class GatewayCertificate
{
    public static X509Certificate2 Generate(GatewayOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var service = Api.GatewayNames.For(options.Connection);
        var request = new CertificateRequest($"CN={service}.{options.Namespace}.svc", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(service);
        names.AddDnsName($"{service}.{options.Namespace}");
        names.AddDnsName($"{service}.{options.Namespace}.svc");
        names.AddDnsName($"{service}.{options.Namespace}.svc.cluster.local");
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var now = time.GetUtcNow();
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(1));
    }
}

using Hoop.Api.V1Alpha1;

namespace Hoop.Gateway.Postgres.Backend;

/// <summary>Where the real PostgreSQL server listens and how strictly its TLS is checked.</summary>
/// <param name="Host">The server's host name or address.</param>
/// <param name="Port">The server's TCP port.</param>
/// <param name="TlsMode">Disable, Require (encrypt only), VerifyCA or VerifyFull.</param>
/// <param name="CaBundlePem">CA certificates (PEM) that sign the server's certificate; the system roots when null.</param>
/// <param name="ServerName">The name to verify in the certificate when it differs from <paramref name="Host"/>.</param>
internal sealed record BackendEndpoint(string Host, int Port, TlsMode TlsMode, string? CaBundlePem = null, string? ServerName = null)
{
    public override string ToString() => $"{Host}:{Port}";
}

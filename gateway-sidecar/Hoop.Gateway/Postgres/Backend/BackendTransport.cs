using System.Buffers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Hoop.Api.V1Alpha1;
using Hoop.Gateway.Postgres.Protocol;

namespace Hoop.Gateway.Postgres.Backend;

/// <summary>Opens the byte stream to the real server: TCP, then TLS through SSLRequest unless the mode is Disable.</summary>
internal static class BackendTransport
{
    private const byte TlsAccepted = (byte)'S';
    private const byte TlsRefused = (byte)'N';

    public static async Task<Stream> OpenAsync(BackendEndpoint endpoint, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint.Host, endpoint.Port, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException error)
        {
            socket.Dispose();
            throw new BackendLoginException(PgSqlState.ConnectionFailure,
                $"The gateway cannot reach the database server at {endpoint}: {error.Message}. Check the target's host and port.", error);
        }

        var network = new NetworkStream(socket, ownsSocket: true);
        if (endpoint.TlsMode == TlsMode.Disable)
        {
            return network;
        }

        try
        {
            return await NegotiateTlsAsync(network, endpoint, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await network.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<Stream> NegotiateTlsAsync(NetworkStream network, BackendEndpoint endpoint, CancellationToken cancellationToken)
    {
        var request = new ArrayBufferWriter<byte>(8);
        FrontendMessageWriter.SslRequest(request);
        await network.WriteAsync(request.WrittenMemory, cancellationToken).ConfigureAwait(false);

        var answer = new byte[1];
        if (await network.ReadAsync(answer, cancellationToken).ConfigureAwait(false) == 0 || answer[0] != TlsAccepted)
        {
            throw new BackendLoginException(PgSqlState.ConnectionFailure, answer[0] == TlsRefused
                ? $"The database server at {endpoint} does not accept TLS; enable ssl on the server or set the target's TLS mode to Disable."
                : $"The database server at {endpoint} answered the TLS request with an unexpected byte; check that the target is PostgreSQL.");
        }

        var tls = new SslStream(network, leaveInnerStreamOpen: false);
        try
        {
            await tls.AuthenticateAsClientAsync(ClientOptions(endpoint), cancellationToken).ConfigureAwait(false);
        }
        catch (AuthenticationException error)
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            throw new BackendLoginException(PgSqlState.ConnectionFailure,
                $"The database server at {endpoint} presented a certificate the gateway does not trust ({endpoint.TlsMode}): {error.Message}. Check the CA bundle and server name.", error);
        }

        return tls;
    }

    private static SslClientAuthenticationOptions ClientOptions(BackendEndpoint endpoint)
    {
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = endpoint.ServerName ?? endpoint.Host,
            RemoteCertificateValidationCallback = (_, _, _, errors) => endpoint.TlsMode switch
            {
                TlsMode.Require => true,
                TlsMode.VerifyCA => (errors & ~SslPolicyErrors.RemoteCertificateNameMismatch) == SslPolicyErrors.None,
                _ => errors == SslPolicyErrors.None,
            },
        };

        if (endpoint.TlsMode is TlsMode.VerifyCA or TlsMode.VerifyFull && endpoint.CaBundlePem is { } pem)
        {
            var roots = new X509Certificate2Collection();
            roots.ImportFromPem(pem);
            options.CertificateChainPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
            };
            options.CertificateChainPolicy.CustomTrustStore.AddRange(roots);
        }

        return options;
    }
}

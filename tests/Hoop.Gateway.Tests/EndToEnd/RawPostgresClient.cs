using System.Buffers.Binary;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace Hoop.Gateway.Tests.EndToEnd;

/// <summary>
/// A PostgreSQL frontend written by hand over a socket, for what no real client will send: oversized, truncated, unknown
/// or garbage packets. Every read is bounded by the caller's token.
/// </summary>
internal sealed class RawPostgresClient : IAsyncDisposable
{
    public const int SslRequestCode = 80877103;
    public const int GssEncryptionRequestCode = 80877104;

    private readonly TcpClient _tcp;
    private Stream _stream;

    private RawPostgresClient(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
    }

    public static async Task<RawPostgresClient> ConnectAsync(IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync(endpoint, cancellationToken);
        return new RawPostgresClient(tcp);
    }

    public async Task SendAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        await _stream.WriteAsync(bytes, cancellationToken);
        await _stream.FlushAsync(cancellationToken);
    }

    /// <summary>Half-closes the connection: the gateway sees the end of the stream but can still answer.</summary>
    public void EndSending() => _tcp.Client.Shutdown(SocketShutdown.Send);

    /// <summary>One byte (the answer to SSLRequest or GSSENCRequest), or -1 when the gateway closed the connection.</summary>
    public async Task<int> ReadByteAsync(CancellationToken cancellationToken)
    {
        var one = new byte[1];
        return await _stream.ReadAsync(one, cancellationToken) == 0 ? -1 : one[0];
    }

    /// <summary>The next backend message, or null when the gateway closed (or reset) the connection.</summary>
    public async Task<BackendMessage?> ReadMessageAsync(CancellationToken cancellationToken)
    {
        try
        {
            var header = new byte[5];
            if (!await ReadExactlyOrEndAsync(header, cancellationToken))
            {
                return null;
            }

            var body = new byte[BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(1)) - 4];
            return await ReadExactlyOrEndAsync(body, cancellationToken) ? new BackendMessage((char)header[0], body) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Messages until an ErrorResponse (returned) or the end of the connection (null).</summary>
    public async Task<BackendMessage?> ReadUntilErrorAsync(CancellationToken cancellationToken)
    {
        while (await ReadMessageAsync(cancellationToken) is { } message)
        {
            if (message.Type == 'E')
            {
                return message;
            }
        }

        return null;
    }

    /// <summary>StartupMessage, the token as a cleartext password, then everything up to ReadyForQuery.</summary>
    public async Task LoginAsync(string user, string database, string token, CancellationToken cancellationToken)
    {
        await SendAsync(Startup(user, database), cancellationToken);
        var request = await ReadMessageAsync(cancellationToken);
        Assert.True(request is { Type: 'R' } && BinaryPrimitives.ReadInt32BigEndian(request.Body) == 3,
            $"expected AuthenticationCleartextPassword, got {request?.Describe() ?? "the end of the connection"}");
        await SendAsync(Message('p', CString(token)), cancellationToken);
        while (true)
        {
            var message = await ReadMessageAsync(cancellationToken)
                ?? throw new Xunit.Sdk.XunitException("login failed: the gateway closed the connection");
            Assert.True(message.Type != 'E', $"login failed: {message.Describe()}");
            if (message.Type == 'Z')
            {
                return;
            }
        }
    }

    /// <summary>SSLRequest, the 'S' answer, then a TLS handshake that trusts whatever certificate the gateway shows.</summary>
    public async Task StartTlsAsync(CancellationToken cancellationToken)
    {
        await SendAsync(Request(SslRequestCode), cancellationToken);
        Assert.Equal('S', (char)await ReadByteAsync(cancellationToken));
        var tls = new SslStream(_stream, leaveInnerStreamOpen: false);
        await tls.AuthenticateAsClientAsync(
            new SslClientAuthenticationOptions { TargetHost = "localhost", RemoteCertificateValidationCallback = AcceptAnyPresentedCertificate },
            cancellationToken);
        _stream = tls;
    }

    /// <summary>The gateway presents a certificate it generated itself; what matters here is that TLS is spoken at all.</summary>
    private static bool AcceptAnyPresentedCertificate(object sender, System.Security.Cryptography.X509Certificates.X509Certificate? certificate,
        System.Security.Cryptography.X509Certificates.X509Chain? chain, SslPolicyErrors errors) => certificate is not null;

    public static byte[] Request(int code)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt32BigEndian(bytes, 8);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), code);
        return bytes;
    }

    public static byte[] Startup(string user, string database)
    {
        var parameters = new List<byte>();
        foreach (var (name, value) in new[] { ("user", user), ("database", database) })
        {
            parameters.AddRange(CString(name));
            parameters.AddRange(CString(value));
        }

        parameters.Add(0);
        var bytes = new byte[8 + parameters.Count];
        BinaryPrimitives.WriteInt32BigEndian(bytes, bytes.Length);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), 3 << 16);
        parameters.CopyTo(bytes, 8);
        return bytes;
    }

    public static byte[] Message(char type, byte[] body)
    {
        var bytes = new byte[5 + body.Length];
        bytes[0] = (byte)type;
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(1), 4 + body.Length);
        body.CopyTo(bytes, 5);
        return bytes;
    }

    /// <summary>Only the 5-byte header of a message that announces <paramref name="length"/> (the length word counts itself).</summary>
    public static byte[] Header(char type, int length)
    {
        var bytes = new byte[5];
        bytes[0] = (byte)type;
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(1), length);
        return bytes;
    }

    public static byte[] CString(string value) => [.. Encoding.UTF8.GetBytes(value), 0];

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _tcp.Dispose();
    }

    private async Task<bool> ReadExactlyOrEndAsync(byte[] buffer, CancellationToken cancellationToken)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await _stream.ReadAsync(buffer.AsMemory(read), cancellationToken);
            if (n == 0)
            {
                return false;
            }

            read += n;
        }

        return true;
    }
}

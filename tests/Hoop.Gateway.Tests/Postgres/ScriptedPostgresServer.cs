using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Hoop.Api.V1Alpha1;
using Hoop.Gateway.Postgres.Backend;
using Hoop.Gateway.Postgres.Protocol;

namespace Hoop.Gateway.Tests.Postgres;

/// <summary>
/// A fake PostgreSQL server that plays one scripted login on 127.0.0.1. It exists only for cases a real server cannot
/// produce: the test fixture's server accepts SCRAM alone, and no honest server forges its SCRAM signature.
/// </summary>
internal sealed class ScriptedPostgresServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly X509Certificate2? _certificate;

    private ScriptedPostgresServer(TcpListener listener, Func<Session, Task> script, X509Certificate2? certificate)
    {
        _listener = listener;
        _certificate = certificate;
        Completion = RunAsync(script);
    }

    public BackendEndpoint Endpoint => new("127.0.0.1", ((IPEndPoint)_listener.LocalEndpoint).Port, TlsMode.Disable);

    /// <summary>The client's StartupMessage, once it arrived.</summary>
    public StartupPacket? Startup { get; private set; }

    /// <summary>Ends when the script has run; faults when the client did not behave as the script expected.</summary>
    public Task Completion { get; }

    /// <summary>Starts listening; with a <paramref name="certificate"/> an SSLRequest is accepted, without one refused ('N').</summary>
    public static ScriptedPostgresServer Start(Func<Session, Task> script, X509Certificate2? certificate = null)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return new ScriptedPostgresServer(listener, script, certificate);
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Dispose();
        try
        {
            await Completion;
        }
        catch (Exception) when (Completion.IsFaulted || Completion.IsCanceled)
        {
            // The test has already asserted on what the client saw; a script cut short by the client is expected there.
        }
    }

    private async Task RunAsync(Func<Session, Task> script)
    {
        using var client = await _listener.AcceptTcpClientAsync();
        Stream stream = client.GetStream();
        var startup = await ReadStartupAsync(stream);
        if (startup.Kind == StartupPacketKind.SslRequest)
        {
            await stream.WriteAsync(_certificate is null ? "N"u8.ToArray() : "S"u8.ToArray());
            if (_certificate is null)
            {
                return;
            }

            var tls = new SslStream(stream);
            await tls.AuthenticateAsServerAsync(_certificate);
            stream = tls;
            startup = await ReadStartupAsync(stream);
        }

        await using var _ = stream;
        var input = PipeReader.Create(stream);
        Startup = startup;
        var session = new Session(startup, new PgMessageReader(input, 1 << 16), PipeWriter.Create(stream));
        await script(session);
        await session.Output.CompleteAsync();
    }

    private static async Task<StartupPacket> ReadStartupAsync(Stream stream)
    {
        // The client waits for an answer after each startup packet, so this reader never swallows later bytes.
        var input = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));
        var startup = await PgStartupReader.ReadAsync(input) ?? throw new InvalidOperationException("the client sent no startup packet");
        await input.CompleteAsync();
        return startup;
    }

    /// <summary>One client connection as the script sees it.</summary>
    internal sealed class Session(StartupPacket startup, PgMessageReader messages, PipeWriter output)
    {
        public StartupPacket Startup { get; } = startup;

        public PipeWriter Output { get; } = output;

        public async Task SendAsync(Action<IBufferWriter<byte>> write)
        {
            write(Output);
            await Output.FlushAsync();
        }

        /// <summary>The next client message's body, copied so the script may keep it.</summary>
        public async Task<byte[]> ReceiveAsync(byte expectedType)
        {
            var message = await messages.ReadAsync() ?? throw new InvalidOperationException("the client closed the connection");
            Assert.Equal((char)expectedType, (char)message.Type);
            return message.Body.ToArray();
        }

        /// <summary>What a real server sends after a successful login.</summary>
        public Task SendReadyAsync() => SendAsync(w =>
        {
            BackendMessageWriter.AuthenticationOk(w);
            BackendMessageWriter.ParameterStatus(w, "server_version", "15.99");
            BackendMessageWriter.BackendKeyData(w, 4242, 777);
            BackendMessageWriter.ReadyForQuery(w, TransactionStatus.Idle);
        });
    }
}

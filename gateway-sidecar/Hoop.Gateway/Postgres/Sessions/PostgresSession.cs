using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using Hoop.Gateway.Authentication;
using Hoop.Gateway.Hosting;
using Hoop.Gateway.Postgres.Backend;
using Hoop.Gateway.Postgres.Protocol;
using Hoop.Gateway.Sessions;
using Hoop.Recording.Writing;
using Microsoft.Extensions.Logging;

namespace Hoop.Gateway.Postgres.Sessions;

/// <summary>
/// One client connection through the PostgreSQL gateway: startup and TLS, the end user's token, the gateway's own login
/// to the target, then two pumps — client messages judged batch by batch (forwarded, refused, or held for approval) and
/// server messages relayed back (masked, counted, recorded). Protocol errors end the session with an ErrorResponse;
/// nothing a client sends can crash the process.
/// </summary>
internal sealed partial class PostgresSession : ICancellableSession, IAsyncDisposable
{
    /// <summary>The largest message a client may send (a query text, a bind); PostgreSQL's own limit is 1 GB.</summary>
    public const int MaxClientMessage = 64 * 1024 * 1024;

    private readonly Stream _transport;
    private readonly EndPoint? _remote;
    private readonly SessionServices _services;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _ended = new();
    private readonly SemaphoreSlim _clientWrite = new(1, 1);
    private readonly SyncQueue _syncs = new();
    private readonly PreparedStatements _prepared = new();
    private readonly StatementJudge _judge = new();
    private readonly SessionSettings _settings = new();
    private readonly List<Task> _withdrawals = [];
    private Stream _stream;
    private PipeReader _clientInput;
    private PipeWriter _clientOutput;
    private BackendConnection? _backend;
    private SessionRecorder? _recorder;
    private EndUser? _user;
    private ConnectionSnapshot? _snapshot;
    private string _database = "";
    private (int ProcessId, int SecretKey)? _cancelKey;
    private CancellationTokenSource? _hold;
    private TransactionStatus _transaction = TransactionStatus.Idle;
    private int _statements;

    public PostgresSession(Stream transport, EndPoint? remote, SessionServices services)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(services);
        _transport = transport;
        _stream = transport;
        _remote = remote;
        _services = services;
        _logger = services.Loggers.CreateLogger<PostgresSession>();
        _clientInput = PipeReader.Create(transport, new StreamPipeReaderOptions(leaveOpen: true));
        _clientOutput = PipeWriter.Create(transport, new StreamPipeWriterOptions(leaveOpen: true));
        Id = SessionIds.New("pg", services.Time);
    }

    public string Id { get; }

    private string ConnectionKey => _services.Options.ConnectionKey;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _ended.Token);
        var ct = linked.Token;
        var endReason = "client disconnected";
        try
        {
            if (!await StartAsync(ct).ConfigureAwait(false))
            {
                return;
            }

            endReason = await RelayAsync(ct).ConfigureAwait(false);
        }
        catch (PgProtocolException e)
        {
            endReason = "protocol error: " + e.Message;
            await TryFatalAsync(e.SqlState, e.Message).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested || _ended.IsCancellationRequested)
        {
            endReason = "gateway shutting down";
            await TryFatalAsync(PgSqlState.AdminShutdown, "terminating connection: the gateway is shutting down").ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or System.Security.Authentication.AuthenticationException)
        {
            endReason = "connection lost";
            _logger.SessionLost(Id, e.Message);
        }
        finally
        {
            await EndRecordingAsync(endReason).ConfigureAwait(false);
        }
    }

    public async Task CancelAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _hold) is { } hold)
        {
            await hold.CancelAsync().ConfigureAwait(false);
            return;
        }

        if (_backend is { } backend && _snapshot is { } snapshot)
        {
            await BackendCancelSender.SendAsync(snapshot.TargetEndpoint, backend.ProcessId, backend.SecretKey, cancellationToken).ConfigureAwait(false);
        }
    }

    public void Shutdown() => _ended.Cancel();

    public async ValueTask DisposeAsync()
    {
        // Held requests the client gave up on are withdrawn before the session is gone (each try is bounded).
        await Task.WhenAll(_withdrawals).ConfigureAwait(false);
        if (_cancelKey is { } key)
        {
            _services.Registry.Unregister(key);
        }

        if (_backend is not null)
        {
            await _backend.DisposeAsync().ConfigureAwait(false);
        }

        await _clientInput.CompleteAsync().ConfigureAwait(false);
        await _clientOutput.CompleteAsync().ConfigureAwait(false);
        if (!ReferenceEquals(_stream, _transport))
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }

        await _transport.DisposeAsync().ConfigureAwait(false);
        _rows?.Dispose();
        _clientWrite.Dispose();
        _ended.Dispose();
    }

    private async Task EndRecordingAsync(string reason)
    {
        if (_recorder is null)
        {
            return;
        }

        try
        {
            await _recorder.EndAsync(reason, CancellationToken.None).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            _logger.RecordingFailed(Id, e.Message);
        }
        finally
        {
            await _recorder.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Writes gateway-made messages to the client, never interleaved with the server's.</summary>
    private async Task WriteClientAsync(Action<IBufferWriter<byte>> write, CancellationToken cancellationToken)
    {
        await _clientWrite.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            write(_clientOutput);
            await _clientOutput.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _clientWrite.Release();
        }
    }

    /// <summary>A FATAL error as the session's last message, when the client can still hear it.</summary>
    private async Task TryFatalAsync(string sqlState, string message)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await WriteClientAsync(w => BackendMessageWriter.ErrorResponse(w, "FATAL", sqlState, message), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            // The client is gone; the session ends regardless.
        }
    }
}

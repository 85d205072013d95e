using System.IO.Pipelines;
using System.Net.Security;
using Hoop.Gateway.Postgres.Backend;
using Hoop.Gateway.Postgres.Protocol;
using Hoop.Recording.Chain;
using Hoop.Recording.Records;
using Hoop.Recording.Writing;

namespace Hoop.Gateway.Postgres.Sessions;

internal sealed partial class PostgresSession
{
    /// <summary>How long a client may take from connecting to sending its token.</summary>
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Startup, the user's token, the gateway's login to the target; false when the session ended there.</summary>
    private async Task<bool> StartAsync(CancellationToken cancellationToken)
    {
        using var startup = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        startup.CancelAfter(StartupTimeout);
        var ct = startup.Token;

        var packet = await ReadStartupAsync(ct).ConfigureAwait(false);
        if (packet is null)
        {
            return false;
        }

        if (_services.Connection.Current is not { } snapshot)
        {
            await TryFatalAsync(PgSqlState.CannotConnectNow, $"the gateway is not serving connection {ConnectionKey}: {_services.Connection.Problem}").ConfigureAwait(false);
            return false;
        }

        _snapshot = snapshot;
        var database = snapshot.Connection.Spec.Target.Database ?? packet.Database;
        if (!string.Equals(packet.Database, database, StringComparison.Ordinal))
        {
            await TryFatalAsync(PgSqlState.InvalidCatalogName,
                $"database \"{packet.Database}\" is not served here: this gateway fronts database \"{database}\" of connection {ConnectionKey}").ConfigureAwait(false);
            return false;
        }

        if (!await AuthenticateAsync(snapshot, ct).ConfigureAwait(false))
        {
            return false;
        }

        _database = database;
        _settings.FromOptions(packet.Parameters.GetValueOrDefault("options"));
        try
        {
            _backend = await PostgresBackendConnector.ConnectAsync(
                new BackendLoginRequest(snapshot.TargetEndpoint, snapshot.Credential.Username, snapshot.Credential.Password, database, packet.Parameters),
                ct).ConfigureAwait(false);
        }
        catch (BackendLoginException e)
        {
            // The server's own words about the gateway's login would mention the service account; say what the user can act on.
            _logger.BackendLoginFailed(Id, ConnectionKey, e.SqlState, e.Message);
            await TryFatalAsync(PgSqlState.ConnectionFailure,
                $"the gateway could not log in to the target of connection {ConnectionKey} (SQLSTATE {e.SqlState}); ask your platform team to check its credentials Secret").ConfigureAwait(false);
            return false;
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or System.Security.Authentication.AuthenticationException or PgProtocolException)
        {
            _logger.BackendLoginFailed(Id, ConnectionKey, PgSqlState.ConnectionFailure, e.Message);
            await TryFatalAsync(PgSqlState.ConnectionFailure, $"the gateway could not reach the target of connection {ConnectionKey}: {e.Message}").ConfigureAwait(false);
            return false;
        }

        _recorder = await SessionRecorder.StartAsync(
            new SessionRecorderOptions(_services.Options.Recordings.FullName, new ReplayLogKey(snapshot.RecordingKey.KeyId, snapshot.RecordingKey.Key)),
            new SessionStartRecord(Id, ConnectionKey, "postgres", _user!.Name, _user.Groups, _user.Method, _remote?.ToString() ?? "unknown", database,
                packet.Parameters.GetValueOrDefault("application_name")),
            snapshot.Masking.MaskText,
            _services.Time,
            ct).ConfigureAwait(false);

        _cancelKey = _services.Registry.Register(this);
        var backend = _backend;
        await WriteClientAsync(w =>
        {
            BackendMessageWriter.AuthenticationOk(w);
            foreach (var (name, value) in backend.ServerParameters)
            {
                BackendMessageWriter.ParameterStatus(w, name, value);
            }

            BackendMessageWriter.BackendKeyData(w, _cancelKey.Value.ProcessId, _cancelKey.Value.SecretKey);
            BackendMessageWriter.ReadyForQuery(w, backend.TransactionStatus);
        }, ct).ConfigureAwait(false);
        _transaction = backend.TransactionStatus;
        _logger.SessionStarted(Id, _user.Name, ConnectionKey);
        return true;
    }

    /// <summary>SSLRequest (TLS with the gateway's certificate), GSSENCRequest (refused), CancelRequest, then the StartupMessage.</summary>
    private async Task<StartupPacket?> ReadStartupAsync(CancellationToken cancellationToken)
    {
        var encrypted = false;
        while (true)
        {
            var packet = await PgStartupReader.ReadAsync(_clientInput, cancellationToken).ConfigureAwait(false);
            switch (packet?.Kind)
            {
                case null:
                    return null;

                case StartupPacketKind.SslRequest when !encrypted:
                    await WriteRawAsync((byte)'S', cancellationToken).ConfigureAwait(false);
                    await StartTlsAsync(cancellationToken).ConfigureAwait(false);
                    encrypted = true;
                    continue;

                case StartupPacketKind.SslRequest or StartupPacketKind.GssEncryptionRequest:
                    // GSSAPI encryption is not offered; a client falls back to TLS or plain text.
                    await WriteRawAsync((byte)'N', cancellationToken).ConfigureAwait(false);
                    continue;

                case StartupPacketKind.CancelRequest:
                    await _services.Registry.CancelAsync(packet.ProcessId, packet.SecretKey, cancellationToken).ConfigureAwait(false);
                    return null;

                default:
                    return packet;
            }
        }
    }

    private async Task WriteRawAsync(byte answer, CancellationToken cancellationToken)
    {
        _clientOutput.GetSpan(1)[0] = answer;
        _clientOutput.Advance(1);
        await _clientOutput.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task StartTlsAsync(CancellationToken cancellationToken)
    {
        // The client sends nothing after SSLRequest until it reads 'S', so no plain-text bytes are left buffered.
        await _clientInput.CompleteAsync().ConfigureAwait(false);
        await _clientOutput.CompleteAsync().ConfigureAwait(false);
        var tls = new SslStream(_transport, leaveInnerStreamOpen: true);
        await tls.AuthenticateAsServerAsync(
            new SslServerAuthenticationOptions { ServerCertificate = _services.Certificate, ClientCertificateRequired = false },
            cancellationToken).ConfigureAwait(false);
        _stream = tls;
        _clientInput = PipeReader.Create(tls, new StreamPipeReaderOptions(leaveOpen: true));
        _clientOutput = PipeWriter.Create(tls, new StreamPipeWriterOptions(leaveOpen: true));
    }

    /// <summary>Asks for a password, which carries the user's bearer token, and checks it.</summary>
    private async Task<bool> AuthenticateAsync(Hosting.ConnectionSnapshot snapshot, CancellationToken cancellationToken)
    {
        await WriteClientAsync(BackendMessageWriter.AuthenticationCleartextPassword, cancellationToken).ConfigureAwait(false);
        var reader = new PgMessageReader(_clientInput, EndUserTokenLimit);
        var message = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (message is not { } password || password.Type != FrontendMessageType.Password)
        {
            if (message is not null)
            {
                await TryFatalAsync(PgSqlState.ProtocolViolation, "expected a password message carrying your token").ConfigureAwait(false);
            }

            return false;
        }

        var token = PasswordMessage.Parse(password.Body).Password;
        reader.Release();
        var outcome = await _services.Authenticators.For(snapshot.Connection.Spec.Authentication).AuthenticateAsync(token, cancellationToken).ConfigureAwait(false);
        if (!outcome.Succeeded)
        {
            _logger.AuthenticationFailed(ConnectionKey, _remote?.ToString() ?? "unknown", outcome.Failure);
            await TryFatalAsync(PgSqlState.InvalidPassword,
                $"authentication failed: {outcome.Failure}. Use your Kubernetes or OIDC token as the password (kubectl hoop connect does it for you)").ConfigureAwait(false);
            return false;
        }

        _user = outcome.User;
        return true;
    }

    /// <summary>A token is at most 16 KiB; a password message beyond that is not one.</summary>
    private const int EndUserTokenLimit = 32 * 1024;
}

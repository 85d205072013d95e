using System.IO.Pipelines;
using Hoop.Gateway.Postgres.Protocol;

namespace Hoop.Gateway.Postgres.Backend;

/// <summary>
/// Logs the gateway in to the real server: transport, StartupMessage with the client's run-time parameters, password
/// authentication (SCRAM-SHA-256, MD5 or cleartext), then the server's parameters and cancel key up to ReadyForQuery.
/// </summary>
internal static partial class PostgresBackendConnector
{
    /// <summary>Login replies are small; anything bigger is not a PostgreSQL server talking.</summary>
    private const int LoginMessageLimit = 64 * 1024;

    /// <summary>Parameters the gateway sets itself, or that only the protocol layer may send.</summary>
    private static readonly HashSet<string> ReservedParameters = new(StringComparer.Ordinal) { "user", "database", "replication" };

    public static async Task<BackendConnection> ConnectAsync(BackendLoginRequest request, CancellationToken cancellationToken = default)
    {
        var stream = await BackendTransport.OpenAsync(request.Endpoint, cancellationToken).ConfigureAwait(false);
        var input = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));
        var output = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
        try
        {
            FrontendMessageWriter.StartupMessage(output, StartupParameters(request));
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);

            var login = new PgMessageReader(input, LoginMessageLimit);
            await AuthenticateAsync(request, login, output, cancellationToken).ConfigureAwait(false);
            var (parameters, key, status) = await AwaitReadyAsync(login, cancellationToken).ConfigureAwait(false);
            var session = new PgMessageReader(input, request.MaxMessageLength);
            return new BackendConnection(stream, session, output, parameters, key.ProcessId, key.SecretKey, status);
        }
        catch
        {
            await input.CompleteAsync().ConfigureAwait(false);
            await output.CompleteAsync().ConfigureAwait(false);
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static List<KeyValuePair<string, string>> StartupParameters(BackendLoginRequest request)
    {
        var parameters = new List<KeyValuePair<string, string>> { new("user", request.User), new("database", request.Database) };
        foreach (var parameter in request.ClientParameters)
        {
            if (!ReservedParameters.Contains(parameter.Key) && !parameter.Key.StartsWith("_pq_.", StringComparison.Ordinal))
            {
                parameters.Add(parameter);
            }
        }

        return parameters;
    }

    private static async Task<(Dictionary<string, string> Parameters, BackendKeyDataMessage Key, TransactionStatus Status)> AwaitReadyAsync(
        PgMessageReader messages, CancellationToken cancellationToken)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        var key = default(BackendKeyDataMessage);
        while (true)
        {
            var message = await ReadAsync(messages, cancellationToken).ConfigureAwait(false);
            switch (message.Type)
            {
                case BackendMessageType.ParameterStatus:
                    var status = ParameterStatusMessage.Parse(message.Body);
                    parameters[status.Name] = status.Value;
                    break;
                case BackendMessageType.BackendKeyData:
                    key = BackendKeyDataMessage.Parse(message.Body);
                    break;
                case BackendMessageType.NoticeResponse:
                    PgNotice.Parse(message.Body);
                    break;
                case BackendMessageType.ReadyForQuery:
                    var ready = ReadyForQueryMessage.Parse(message.Body);
                    messages.Release();
                    return (parameters, key, ready.Status);
                default:
                    throw Unexpected(message);
            }
        }
    }

    /// <summary>The next message; a server ErrorResponse becomes a <see cref="BackendLoginException"/> with its SQLSTATE.</summary>
    private static async ValueTask<PgMessage> ReadAsync(PgMessageReader messages, CancellationToken cancellationToken)
    {
        var message = await messages.ReadAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new BackendLoginException(PgSqlState.ConnectionFailure,
                "The database server closed the connection during login; check its logs for the reason.");
        if (message.Type == BackendMessageType.ErrorResponse)
        {
            throw new BackendLoginException(PgNotice.Parse(message.Body));
        }

        return message;
    }

    private static BackendLoginException Unexpected(PgMessage message) =>
        new(PgSqlState.ProtocolViolation,
            $"The database server sent an unexpected '{(char)message.Type}' message during login; check that the target is PostgreSQL.");
}

using System.IO.Pipelines;
using Hoop.Gateway.Postgres.Protocol;

namespace Hoop.Gateway.Postgres.Backend;

/// <summary>A logged-in session on the real server, idle at its first ReadyForQuery.</summary>
internal sealed class BackendConnection : IAsyncDisposable
{
    private readonly Stream _stream;

    internal BackendConnection(
        Stream stream, PgMessageReader messages, PipeWriter output, IReadOnlyDictionary<string, string> serverParameters,
        int processId, int secretKey, TransactionStatus transactionStatus)
    {
        _stream = stream;
        Messages = messages;
        Output = output;
        ServerParameters = serverParameters;
        ProcessId = processId;
        SecretKey = secretKey;
        TransactionStatus = transactionStatus;
    }

    /// <summary>Messages from the server, framed without copying.</summary>
    public PgMessageReader Messages { get; }

    public PipeReader Input => Messages.Input;

    /// <summary>Bytes to the server; flush to send.</summary>
    public PipeWriter Output { get; }

    /// <summary>Every ParameterStatus the server reported during login (server_version, client_encoding, ...).</summary>
    public IReadOnlyDictionary<string, string> ServerParameters { get; }

    public int ProcessId { get; }

    public int SecretKey { get; }

    public TransactionStatus TransactionStatus { get; }

    public async ValueTask DisposeAsync()
    {
        await Input.CompleteAsync().ConfigureAwait(false);
        await Output.CompleteAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
    }
}

using System.Net;
using System.Net.Sockets;
using Hoop.Gateway.Sessions;
using Microsoft.Extensions.Logging;

namespace Hoop.Gateway.Postgres.Sessions;

/// <summary>
/// Accepts PostgreSQL clients and runs a <see cref="PostgresSession"/> for each. On shutdown it stops accepting, gives open
/// sessions the drain timeout to finish, then ends the rest (a FATAL 57P01 each, as a stopping server sends).
/// </summary>
internal sealed class PostgresListener(IPEndPoint endpoint, SessionServices services) : IDisposable
{
    private readonly Socket _socket = new(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
    private readonly ILogger _logger = services.Loggers.CreateLogger<PostgresListener>();

    public IPEndPoint LocalEndpoint => (IPEndPoint)_socket.LocalEndPoint!;

    public void Start()
    {
        _socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _socket.Bind(endpoint);
        _socket.Listen(512);
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var sessions = new List<Task>();
        using var stopSessions = new CancellationTokenSource();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var client = await _socket.AcceptAsync(cancellationToken).ConfigureAwait(false);
                client.NoDelay = true;
                sessions.RemoveAll(s => s.IsCompleted);
                sessions.Add(Task.Run(() => ServeAsync(client, stopSessions.Token), CancellationToken.None));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        _socket.Close();
        var open = sessions.Where(s => !s.IsCompleted).ToList();
        if (open.Count > 0)
        {
            _logger.LogDraining(open.Count, services.Options.DrainTimeout);
            var drained = Task.WhenAll(open);
            if (await Task.WhenAny(drained, Task.Delay(services.Options.DrainTimeout, services.Time, CancellationToken.None)).ConfigureAwait(false) != drained)
            {
                foreach (var session in services.Registry.All)
                {
                    session.Shutdown();
                }

                await stopSessions.CancelAsync().ConfigureAwait(false);
                await drained.ConfigureAwait(false);
            }
        }
    }

    private async Task ServeAsync(Socket client, CancellationToken cancellationToken)
    {
        var remote = client.RemoteEndPoint;
        var session = new PostgresSession(new NetworkStream(client, ownsSocket: true), remote, services);
        await using (session.ConfigureAwait(false))
        {
            try
            {
                await session.RunAsync(cancellationToken).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // One session's unexpected failure must never take the gateway down; it is logged and the session closed.
            catch (Exception e)
#pragma warning restore CA1031
            {
                _logger.LogSessionCrashed(e, session.Id);
            }
        }
    }

    public void Dispose() => _socket.Dispose();
}

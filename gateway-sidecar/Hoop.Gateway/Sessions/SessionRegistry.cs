using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Hoop.Gateway.Sessions;

/// <summary>
/// The gateway's open sessions, by the cancel key each was given in BackendKeyData. A CancelRequest arrives on a new
/// connection with nothing but that key; the key is random, so only the client that was given it can cancel.
/// </summary>
internal sealed class SessionRegistry
{
    private readonly ConcurrentDictionary<(int ProcessId, int SecretKey), ICancellableSession> _sessions = new();

    public int Count => _sessions.Count;

    /// <summary>Registers a session under a fresh random key and returns the key.</summary>
    public (int ProcessId, int SecretKey) Register(ICancellableSession session)
    {
        while (true)
        {
            var key = (RandomNumberGenerator.GetInt32(1, int.MaxValue), RandomNumberGenerator.GetInt32(int.MinValue, int.MaxValue));
            if (_sessions.TryAdd(key, session))
            {
                return key;
            }
        }
    }

    public void Unregister((int ProcessId, int SecretKey) key) => _sessions.TryRemove(key, out _);

    /// <summary>Asks the session with this key to cancel what it is doing; an unknown key is ignored, as PostgreSQL does.</summary>
    public Task CancelAsync(int processId, int secretKey, CancellationToken cancellationToken) =>
        _sessions.TryGetValue((processId, secretKey), out var session) ? session.CancelAsync(cancellationToken) : Task.CompletedTask;

    public IReadOnlyCollection<ICancellableSession> All => [.. _sessions.Values];
}

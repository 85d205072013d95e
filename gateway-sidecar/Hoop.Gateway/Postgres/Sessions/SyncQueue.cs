namespace Hoop.Gateway.Postgres.Sessions;

/// <summary>
/// The forwarded units still waiting for the server's ReadyForQuery, in order. The gateway answers a client itself
/// (a refusal, a held statement's notice) only once this is empty, so its messages never interleave with the server's.
/// </summary>
internal sealed class SyncQueue
{
    private readonly Queue<SyncTracker> _pending = new();
    private readonly Lock _lock = new();
    private TaskCompletionSource? _idle;

    public SyncTracker? Current
    {
        get
        {
            lock (_lock)
            {
                return _pending.TryPeek(out var head) ? head : null;
            }
        }
    }

    public void Enqueue(SyncTracker tracker)
    {
        lock (_lock)
        {
            _pending.Enqueue(tracker);
        }
    }

    /// <summary>The server answered the oldest unit; returns it (null when the server sent an unsolicited ReadyForQuery).</summary>
    public SyncTracker? Answered()
    {
        lock (_lock)
        {
            _pending.TryDequeue(out var answered);
            if (_pending.Count == 0 && _idle is { } idle)
            {
                _idle = null;
                idle.TrySetResult();
            }

            return answered;
        }
    }

    public Task WaitIdleAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_pending.Count == 0)
            {
                return Task.CompletedTask;
            }

            _idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _idle.Task.WaitAsync(cancellationToken);
        }
    }
}

using Hoop.Kube.Informers;

namespace Hoop.Operator.Controllers;

/// <summary>
/// A de-duplicating work queue with client-go's guarantees: a key is queued at most once (the dirty set), a key being
/// processed is never handed out again until <see cref="Done"/>, and one re-added meanwhile runs once more after it.
/// Delays run on the injected <see cref="TimeProvider"/>.
/// </summary>
internal sealed class WorkQueue<TKey> : IDisposable
    where TKey : notnull
{
    private readonly Queue<TKey> _queue = new();
    private readonly HashSet<TKey> _dirty = [];
    private readonly HashSet<TKey> _processing = [];
    private readonly HashSet<ITimer> _timers = [];
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly ItemRateLimiter<TKey> _rateLimiter;
    private TaskCompletionSource _changed = NewSignal();
    private bool _shuttingDown;

    public WorkQueue(TimeProvider time, ItemRateLimiter<TKey>? rateLimiter = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _rateLimiter = rateLimiter ?? new ItemRateLimiter<TKey>();
    }

    /// <summary>Keys waiting to be handed out (not those in flight nor those delayed).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Keys waiting for their delay (AddAfter, AddRateLimited) to pass.</summary>
    public int Delayed
    {
        get
        {
            lock (_lock)
            {
                return _timers.Count;
            }
        }
    }

    public bool IsShuttingDown
    {
        get
        {
            lock (_lock)
            {
                return _shuttingDown;
            }
        }
    }

    public void Add(TKey key)
    {
        lock (_lock)
        {
            if (_shuttingDown || !_dirty.Add(key))
            {
                return;
            }

            // In flight: Done puts it back, so the same key is never processed twice at once.
            if (!_processing.Contains(key))
            {
                _queue.Enqueue(key);
                SignalLocked();
            }
        }
    }

    public void AddAfter(TKey key, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(key);
            return;
        }

        lock (_lock)
        {
            if (_shuttingDown)
            {
                return;
            }

            ITimer? timer = null;
            timer = _time.CreateTimer(
                _ =>
                {
                    lock (_lock)
                    {
                        // The timer may fire before the assignment below returns; the set is only for disposal.
                        if (timer is not null)
                        {
                            _timers.Remove(timer);
                        }
                    }

                    timer?.Dispose();
                    Add(key);
                },
                null,
                delay,
                Timeout.InfiniteTimeSpan);
            _timers.Add(timer);
        }
    }

    /// <summary>Re-adds after this key's backoff: 5 ms, doubling with each failure, capped.</summary>
    public void AddRateLimited(TKey key) => AddAfter(key, _rateLimiter.When(key));

    /// <summary>Ends the backoff of a key that succeeded.</summary>
    public void Forget(TKey key) => _rateLimiter.Forget(key);

    public int Failures(TKey key) => _rateLimiter.Failures(key);

    /// <summary>
    /// The next key to process, or null (default for a struct key such as <see cref="ObjectKey"/>) once shut down and empty.
    /// Call <see cref="Done"/> when finished with it.
    /// </summary>
    public async Task<TKey?> GetAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (_queue.TryDequeue(out var key))
                {
                    _processing.Add(key);
                    _dirty.Remove(key);
                    return key;
                }

                if (_shuttingDown)
                {
                    return default;
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public void Done(TKey key)
    {
        lock (_lock)
        {
            _processing.Remove(key);
            if (_dirty.Contains(key))
            {
                _queue.Enqueue(key);
            }

            SignalLocked();
        }
    }

    /// <summary>Stops accepting keys; waiting getters get null once the queue is empty. Delayed keys are dropped.</summary>
    public void ShutDown()
    {
        lock (_lock)
        {
            _shuttingDown = true;
            foreach (var timer in _timers)
            {
                timer.Dispose();
            }

            _timers.Clear();
            SignalLocked();
        }
    }

    /// <summary>Shuts down, then waits until every key handed out has been marked done.</summary>
    public async Task ShutDownWithDrainAsync(CancellationToken cancellationToken = default)
    {
        ShutDown();
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (_processing.Count == 0)
                {
                    return;
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose() => ShutDown();

    private void SignalLocked()
    {
        var previous = _changed;
        _changed = NewSignal();
        previous.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

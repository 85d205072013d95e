namespace Hoop.Operator.Controllers;

/// <summary>
/// Per-item exponential backoff, as client-go's ItemExponentialFailureRateLimiter: base × 2^failures, capped.
/// A key that keeps failing waits longer each time; <see cref="Forget"/> starts it over.
/// </summary>
internal sealed class ItemRateLimiter<TKey>(TimeSpan baseDelay, TimeSpan maxDelay)
    where TKey : notnull
{
    private readonly Dictionary<TKey, int> _failures = [];
    private readonly Lock _lock = new();

    public ItemRateLimiter()
        : this(TimeSpan.FromMilliseconds(5), TimeSpan.FromMinutes(5))
    {
    }

    /// <summary>The delay before the next retry of <paramref name="key"/>; counts one more failure.</summary>
    public TimeSpan When(TKey key)
    {
        int exponent;
        lock (_lock)
        {
            _failures.TryGetValue(key, out exponent);
            _failures[key] = exponent + 1;
        }

        // 2^62 ticks would overflow long long before the cap applies; past 30 doublings the cap always wins.
        if (exponent > 30)
        {
            return maxDelay;
        }

        var ticks = baseDelay.Ticks * Math.Pow(2, exponent);
        return ticks >= maxDelay.Ticks ? maxDelay : TimeSpan.FromTicks((long)ticks);
    }

    public int Failures(TKey key)
    {
        lock (_lock)
        {
            return _failures.TryGetValue(key, out var n) ? n : 0;
        }
    }

    public void Forget(TKey key)
    {
        lock (_lock)
        {
            _failures.Remove(key);
        }
    }
}

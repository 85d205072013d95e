using System.Security.Cryptography;
using System.Text;

namespace Hoop.Gateway.Authentication;

/// <summary>
/// Recently verified tokens, so a client that reconnects in a burst does not cost a review each time. Keyed by the
/// token's SHA-256, so the token itself is never kept; bounded in size; an entry never outlives the token.
/// </summary>
internal sealed class AuthenticatedTokenCache(TimeProvider time, TimeSpan lifetime, int capacity)
{
    private readonly Dictionary<string, (EndUser User, DateTimeOffset Until)> _entries = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public EndUser? Find(string token)
    {
        var key = KeyOf(token);
        lock (_lock)
        {
            if (!_entries.TryGetValue(key, out var entry))
            {
                return null;
            }

            if (entry.Until > time.GetUtcNow())
            {
                return entry.User;
            }

            _entries.Remove(key);
            return null;
        }
    }

    /// <summary>Remembers <paramref name="user"/> for the cache lifetime, or until <paramref name="tokenExpiry"/> if sooner.</summary>
    public void Add(string token, EndUser user, DateTimeOffset? tokenExpiry)
    {
        var now = time.GetUtcNow();
        var until = now + lifetime;
        if (tokenExpiry < until)
        {
            until = tokenExpiry.Value;
        }

        if (until <= now)
        {
            return;
        }

        var key = KeyOf(token);
        lock (_lock)
        {
            if (_entries.Count >= capacity && !_entries.ContainsKey(key))
            {
                MakeRoom(now);
            }

            _entries[key] = (user, until);
        }
    }

    private void MakeRoom(DateTimeOffset now)
    {
        foreach (var expired in _entries.Where(e => e.Value.Until <= now).Select(e => e.Key).ToList())
        {
            _entries.Remove(expired);
        }

        if (_entries.Count >= capacity)
        {
            _entries.Remove(_entries.MinBy(e => e.Value.Until).Key);
        }
    }

    private static string KeyOf(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

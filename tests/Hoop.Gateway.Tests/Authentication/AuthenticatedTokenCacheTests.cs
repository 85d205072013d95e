using Hoop.Gateway.Authentication;
using Microsoft.Extensions.Time.Testing;

namespace Hoop.Gateway.Tests.Authentication;

public sealed class AuthenticatedTokenCacheTests
{
    private static readonly EndUser Alice = new("alice", "uid-alice", ["developers"], "kubernetes");
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    [Fact]
    public void An_entry_never_outlives_the_token()
    {
        var cache = new AuthenticatedTokenCache(_time, TimeSpan.FromSeconds(30), capacity: 8);
        cache.Add("token-a", Alice, _time.GetUtcNow().AddSeconds(5));
        Assert.Equal(Alice, cache.Find("token-a"));

        _time.Advance(TimeSpan.FromSeconds(6));

        Assert.Null(cache.Find("token-a"));
    }

    [Fact]
    public void An_expired_token_is_not_cached_at_all()
    {
        var cache = new AuthenticatedTokenCache(_time, TimeSpan.FromSeconds(30), capacity: 8);

        cache.Add("token-a", Alice, _time.GetUtcNow().AddSeconds(-1));

        Assert.Null(cache.Find("token-a"));
    }

    [Fact]
    public void A_full_cache_drops_the_entry_that_expires_first()
    {
        var cache = new AuthenticatedTokenCache(_time, TimeSpan.FromSeconds(30), capacity: 2);
        cache.Add("token-a", Alice, _time.GetUtcNow().AddSeconds(10));
        cache.Add("token-b", Alice with { Name = "bob" }, null);

        cache.Add("token-c", Alice with { Name = "carol" }, null);

        Assert.Null(cache.Find("token-a"));
        Assert.Equal("bob", cache.Find("token-b")?.Name);
        Assert.Equal("carol", cache.Find("token-c")?.Name);
    }

    [Fact]
    public void A_different_token_is_a_miss()
    {
        var cache = new AuthenticatedTokenCache(_time, TimeSpan.FromSeconds(30), capacity: 8);
        cache.Add("token-a", Alice, null);

        Assert.Null(cache.Find("token-b"));
    }
}

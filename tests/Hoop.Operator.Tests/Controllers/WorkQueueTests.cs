using Hoop.Operator.Controllers;
using Microsoft.Extensions.Time.Testing;

namespace Hoop.Operator.Tests.Controllers;

public sealed class WorkQueueTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_key_added_twice_before_processing_is_handed_out_once()
    {
        using var queue = new WorkQueue<string>(new FakeTimeProvider());
        queue.Add("a");
        queue.Add("b");
        queue.Add("a");

        Assert.Equal(2, queue.Count);
        Assert.Equal("a", await queue.GetAsync(Ct));
        Assert.Equal("b", await queue.GetAsync(Ct));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task A_key_being_processed_is_not_handed_out_to_a_second_worker()
    {
        using var queue = new WorkQueue<string>(new FakeTimeProvider());
        queue.Add("a");
        Assert.Equal("a", await queue.GetAsync(Ct));

        queue.Add("a");
        var second = queue.GetAsync(Ct);
        await Task.Delay(100, Ct);

        Assert.False(second.IsCompleted, "the key was handed out while still being processed");
        queue.Done("a");
        Assert.Equal("a", await second.WaitAsync(TimeSpan.FromSeconds(5), Ct));
    }

    [Fact]
    public async Task A_key_added_while_processing_runs_again_after_done()
    {
        using var queue = new WorkQueue<string>(new FakeTimeProvider());
        queue.Add("a");
        await queue.GetAsync(Ct);
        queue.Add("a");
        Assert.Equal(0, queue.Count);

        queue.Done("a");

        Assert.Equal(1, queue.Count);
        Assert.Equal("a", await queue.GetAsync(Ct));
        queue.Done("a");
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public void A_key_added_after_a_delay_appears_only_once_the_delay_has_passed()
    {
        var time = new FakeTimeProvider();
        using var queue = new WorkQueue<string>(time);
        queue.AddAfter("a", TimeSpan.FromSeconds(10));

        time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(0, queue.Count);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public void Rate_limited_adds_back_off_exponentially_and_forget_starts_over()
    {
        var limiter = new ItemRateLimiter<string>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1));

        Assert.Equal(TimeSpan.FromMilliseconds(5), limiter.When("a"));
        Assert.Equal(TimeSpan.FromMilliseconds(10), limiter.When("a"));
        Assert.Equal(TimeSpan.FromMilliseconds(20), limiter.When("a"));
        Assert.Equal(TimeSpan.FromMilliseconds(5), limiter.When("b"));
        for (var i = 0; i < 40; i++)
        {
            limiter.When("a");
        }

        Assert.Equal(TimeSpan.FromSeconds(1), limiter.When("a"));
        limiter.Forget("a");
        Assert.Equal(TimeSpan.FromMilliseconds(5), limiter.When("a"));
    }

    [Fact]
    public void A_rate_limited_key_waits_its_backoff_on_the_queue()
    {
        var time = new FakeTimeProvider();
        using var queue = new WorkQueue<string>(time);
        queue.AddRateLimited("a");
        queue.AddRateLimited("a");

        time.Advance(TimeSpan.FromMilliseconds(5));
        Assert.Equal(1, queue.Count);
        Assert.Equal(2, queue.Failures("a"));

        queue.Forget("a");
        Assert.Equal(0, queue.Failures("a"));
    }

    [Fact]
    public async Task Shutdown_waits_for_keys_in_flight_and_getters_then_get_null()
    {
        using var queue = new WorkQueue<string>(new FakeTimeProvider());
        queue.Add("a");
        Assert.Equal("a", await queue.GetAsync(Ct));

        var drain = queue.ShutDownWithDrainAsync(Ct);
        await Task.Delay(100, Ct);
        Assert.False(drain.IsCompleted, "the drain finished while a key was still being processed");
        queue.Add("b");
        Assert.Equal(0, queue.Count);

        queue.Done("a");
        await drain.WaitAsync(TimeSpan.FromSeconds(5), Ct);
        Assert.Null(await queue.GetAsync(Ct));
    }

    [Fact]
    public async Task A_waiting_getter_is_woken_by_an_add()
    {
        using var queue = new WorkQueue<string>(new FakeTimeProvider());
        var get = queue.GetAsync(Ct);
        Assert.False(get.IsCompleted);

        queue.Add("a");

        Assert.Equal("a", await get.WaitAsync(TimeSpan.FromSeconds(5), Ct));
    }
}

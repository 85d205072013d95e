using Hoop.Kube.Informers;
using Hoop.Operator.Controllers;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Prometheus;

namespace Hoop.Operator.Tests.Controllers;

public sealed class ControllerTests
{
    private static readonly ObjectKey Key = new("payments", "orders-db");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_requested_requeue_runs_the_reconcile_again_after_the_delay()
    {
        var time = new FakeTimeProvider();
        var reconciler = new ScriptedReconciler((_, _, _) => Task.FromResult(ReconcileResult.After(TimeSpan.FromSeconds(30))));
        var registry = Metrics.NewCustomRegistry();
        using var controller = new Controller(reconciler, time, NullLogger.Instance, new ControllerMetrics(registry));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var run = controller.RunAsync(stop.Token);

        controller.Queue.Add(Key);
        await TestCluster.EventuallyAsync(() => reconciler.Calls == 1 && controller.Queue.Delayed == 1, "the first reconcile ran and asked for a requeue", Ct);
        time.Advance(TimeSpan.FromSeconds(29));
        await Task.Delay(100, Ct);
        Assert.Equal(1, reconciler.Calls);
        time.Advance(TimeSpan.FromSeconds(1));
        await TestCluster.EventuallyAsync(() => reconciler.Calls == 2, "the requeued reconcile ran", Ct);

        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        var metrics = await ScrapeAsync(registry);
        Assert.Contains("hoop_operator_reconciles_total{kind=\"Connection\",result=\"requeue\"} 2", metrics);
    }

    [Fact]
    public async Task A_throwing_reconciler_is_retried_with_growing_backoff()
    {
        var time = new FakeTimeProvider();
        var reconciler = new ScriptedReconciler((call, _, _) => call <= 3
            ? throw new InvalidOperationException("the target is unreachable")
            : Task.FromResult(ReconcileResult.Done));
        var registry = Metrics.NewCustomRegistry();
        using var controller = new Controller(reconciler, time, NullLogger.Instance, new ControllerMetrics(registry));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var run = controller.RunAsync(stop.Token);

        controller.Queue.Add(Key);
        await WaitForRetryAsync(1);
        time.Advance(TimeSpan.FromMilliseconds(5));
        await WaitForRetryAsync(2);
        time.Advance(TimeSpan.FromMilliseconds(9));
        await Task.Delay(100, Ct);
        Assert.Equal(2, reconciler.Calls);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await WaitForRetryAsync(3);
        time.Advance(TimeSpan.FromMilliseconds(20));
        await TestCluster.EventuallyAsync(() => reconciler.Calls == 4, "the third retry ran after 20 ms", Ct);
        await TestCluster.EventuallyAsync(() => controller.Queue.Failures(Key) == 0, "success forgot the backoff", Ct);

        // Time is advanced only once the failed reconcile has scheduled its retry.
        Task WaitForRetryAsync(int calls) => TestCluster.EventuallyAsync(
            () => reconciler.Calls == calls && controller.Queue.Delayed == 1 && controller.Queue.Failures(Key) == calls, $"reconcile {calls} failed and scheduled a retry", Ct);

        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        var metrics = await ScrapeAsync(registry);
        Assert.Contains("hoop_operator_reconcile_errors_total{kind=\"Connection\"} 3", metrics);
        Assert.Contains("hoop_operator_reconciles_total{kind=\"Connection\",result=\"error\"} 3", metrics);
        Assert.Contains("hoop_operator_reconciles_total{kind=\"Connection\",result=\"success\"} 1", metrics);
        Assert.Contains("hoop_operator_reconcile_duration_seconds_count{kind=\"Connection\"} 4", metrics);
    }

    [Fact]
    public async Task Stopping_waits_for_a_reconcile_in_flight_and_does_not_cancel_it()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = false;
        var reconciler = new ScriptedReconciler(async (_, _, token) =>
        {
            await release.Task;
            cancelled = token.IsCancellationRequested;
            return ReconcileResult.Done;
        });
        using var controller = new Controller(reconciler, TimeProvider.System, NullLogger.Instance);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var run = controller.RunAsync(stop.Token);
        controller.Queue.Add(Key);
        await TestCluster.EventuallyAsync(() => reconciler.Calls == 1, "the reconcile started", Ct);

        await stop.CancelAsync();
        await Task.Delay(200, Ct);
        Assert.False(run.IsCompleted, "the controller stopped before its reconcile in flight finished");

        release.SetResult();
        await run.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.False(cancelled);
    }

    [Fact]
    public async Task A_reconcile_outlasting_the_drain_timeout_is_cancelled()
    {
        var reconciler = new ScriptedReconciler(async (_, _, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return ReconcileResult.Done;
        });
        using var controller = new Controller(reconciler, TimeProvider.System, NullLogger.Instance, options: new ControllerOptions { DrainTimeout = TimeSpan.FromMilliseconds(300) });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var run = controller.RunAsync(stop.Token);
        controller.Queue.Add(Key);
        await TestCluster.EventuallyAsync(() => reconciler.Calls == 1, "the reconcile started", Ct);

        await stop.CancelAsync();

        await run.WaitAsync(TimeSpan.FromSeconds(5), Ct);
    }

    [Fact]
    public async Task Many_workers_never_reconcile_one_key_at_once()
    {
        var inFlight = 0;
        var overlapped = false;
        var reconciler = new ScriptedReconciler(async (_, _, _) =>
        {
            if (Interlocked.Increment(ref inFlight) > 1)
            {
                overlapped = true;
            }

            await Task.Delay(5, CancellationToken.None);
            Interlocked.Decrement(ref inFlight);
            return ReconcileResult.Done;
        });
        using var controller = new Controller(reconciler, TimeProvider.System, NullLogger.Instance, options: new ControllerOptions { Workers = 4 });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var run = controller.RunAsync(stop.Token);
        for (var i = 0; i < 200; i++)
        {
            controller.Queue.Add(Key);
            await Task.Delay(1, Ct);
        }

        await TestCluster.EventuallyAsync(() => controller.Queue.Count == 0 && Volatile.Read(ref inFlight) == 0, "the queue emptied", Ct);
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.False(overlapped, "two workers reconciled the same key at once");
        Assert.True(reconciler.Calls > 1);
    }

    private static async Task<string> ScrapeAsync(CollectorRegistry registry)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream, Ct);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}

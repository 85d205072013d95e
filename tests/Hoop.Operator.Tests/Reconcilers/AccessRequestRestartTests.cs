using System.Diagnostics;
using Hoop.Api.V1Alpha1;
using Hoop.Kube.Informers;
using Hoop.Operator.Events;
using Hoop.Operator.Reconcilers.AccessRequests;
using Hoop.Policy.Rules;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Prometheus;
using static Hoop.Operator.Tests.Reconcilers.TestObjects;

namespace Hoop.Operator.Tests.Reconcilers;

/// <summary>What an operator restart does to requests already converged: nothing, and quickly.</summary>
public sealed class AccessRequestRestartTests : IDisposable
{
    private const string Ddl = "ALTER TABLE orders ADD COLUMN shipped_at timestamptz;";
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly FakeTimeProvider _time = new(Created.AddMinutes(20));
    private readonly CollectorRegistry _registry = Metrics.NewCustomRegistry();

    // Nothing listens there: any API call fails the reconcile, and so the test.
    private readonly Kubernetes _unreachable = new(new KubernetesClientConfiguration { Host = "https://127.0.0.1:9" });

    public void Dispose() => _unreachable.Dispose();

    // Compiled once: compiling the policy per request would dominate the setup.
    private static readonly PolicySet Governing = PolicySet.For("orders-db", OrdersDb().Metadata.Labels.ToDictionary(), [Production()]);

    private static AccessRequest Converged(int i, DateTimeOffset decidedAt)
    {
        var request = Request(Ddl, change: r =>
        {
            r.Metadata.Name = $"req-{i}";
            r.Metadata.ResourceVersion = $"{i + 100}";
        });
        if (i % 2 == 0)
        {
            request.WithReviews(Approve("bob", "dba-leads"));
        }

        var decision = AccessRequestDecider.Decide(request, OrdersDb(), Governing, decidedAt)!;
        request.Status ??= new AccessRequestStatus { Reviews = [] };
        request.Status.Phase = decision.Phase;
        request.Status.Policy = decision.Policy;
        request.Status.Rule = decision.Rule;
        request.Status.RequiredApprovals = decision.RequiredApprovals;
        request.Status.Approvals = decision.Approvals;
        request.Status.ExpiresAt = decision.ExpiresAt;
        request.Status.Conditions = decision.Conditions;
        request.Status.ObservedGeneration = decision.ObservedGeneration;
        return request;
    }

    [Fact]
    public async Task Ten_thousand_converged_pending_requests_reconcile_in_seconds_without_an_api_call()
    {
        var requests = Enumerable.Range(0, 10_000).Select(i => Converged(i, Created.AddMinutes(10))).ToList();
        var metrics = new AccessRequestMetrics(_registry, _time);
        var reconciler = new AccessRequestReconciler(
            new FixedObjectCache<AccessRequest>(requests), new FixedObjectCache<Connection>([OrdersDb()]), new FixedObjectCache<ApprovalPolicy>([Production()]),
            _unreachable, new EventRecorder(_unreachable, _time, NullLogger<EventRecorder>.Instance), metrics, _time, NullLogger<AccessRequestReconciler>.Instance);

        var clock = Stopwatch.StartNew();
        foreach (var request in requests)
        {
            var result = await reconciler.ReconcileAsync(ObjectKey.Of(request.Metadata), _ct);
            Assert.NotNull(result.RequeueAfter);
        }

        clock.Stop();
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"reconciling 10,000 converged requests took {clock.Elapsed}");
        var exported = await ExportAsync();
        Assert.Contains("hoop_operator_accessrequests{namespace=\"payments\",phase=\"Pending\"} 10000", exported, StringComparison.Ordinal);

        // The reviews were given before this process started: its predecessor counted them.
        Assert.DoesNotContain("hoop_operator_reviews_total{", exported, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reviews_given_after_the_start_are_counted_once_however_often_a_request_is_seen()
    {
        var metrics = new AccessRequestMetrics(_registry, _time);
        var key = new ObjectKey("payments", "req");
        var late = Approve("carol", "dba-leads");
        late.Time = _time.GetUtcNow().UtcDateTime.AddMinutes(1);
        Review[] reviews = [Approve("bob", "dba-leads"), late];

        metrics.ObserveReviews(key, reviews);
        metrics.ObserveReviews(key, reviews);
        metrics.ObserveReviews(key, [.. reviews, Deny("dave")]);

        var exported = await ExportAsync();
        Assert.Contains("hoop_operator_reviews_total{decision=\"Approve\"} 1", exported, StringComparison.Ordinal);
        Assert.Contains("hoop_operator_reviews_total{decision=\"Deny\"} 1", exported, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_is_decided_before_the_policy_cache_has_synced()
    {
        var request = Request(Ddl);
        var reconciler = new AccessRequestReconciler(
            new FixedObjectCache<AccessRequest>([request]), new FixedObjectCache<Connection>([OrdersDb()]), new UnsyncedCache<ApprovalPolicy>(),
            _unreachable, new EventRecorder(_unreachable, _time, NullLogger<EventRecorder>.Instance), new AccessRequestMetrics(_registry, _time), _time,
            NullLogger<AccessRequestReconciler>.Instance);

        // Deciding now would deny for want of a policy, for good; and any write would fail against the unreachable client.
        var result = await reconciler.ReconcileAsync(ObjectKey.Of(request.Metadata), _ct);
        Assert.Equal(TimeSpan.FromSeconds(1), result.RequeueAfter);
        Assert.Null(request.Status);
    }

    [Fact]
    public void Policy_and_connection_changes_requeue_only_the_undecided_requests_they_concern()
    {
        var pending = Request(Ddl, change: r => r.Metadata.Name = "pending");
        var decided = Request(Ddl, change: r => r.Metadata.Name = "decided");
        decided.Status = new AccessRequestStatus { Phase = AccessRequestPhase.Approved };
        var elsewhere = Request(Ddl, change: r => { r.Metadata.Name = "elsewhere"; r.Spec.ConnectionRef.Name = "billing-db"; });
        var cache = new FixedObjectCache<AccessRequest>([pending, decided, elsewhere]);

        Assert.Equal([new ObjectKey("payments", "pending")], AccessRequestReconciler.KeysFor(OrdersDb(), cache));
        Assert.Equal(["elsewhere", "pending"], AccessRequestReconciler.KeysFor(Production(), cache).Select(k => k.Name).Order());
    }

    private async Task<string> ExportAsync()
    {
        using var stream = new MemoryStream();
        await _registry.CollectAndExportAsTextAsync(stream, _ct);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}

/// <summary>A cache whose first list has not arrived yet.</summary>
internal sealed class UnsyncedCache<T> : IObjectCache<T>
    where T : class, k8s.IKubernetesObject<k8s.Models.V1ObjectMeta>
{
    public bool HasSynced => false;

    public T? Get(ObjectKey key) => null;

    public IReadOnlyList<T> List(string? @namespace = null) => [];
}

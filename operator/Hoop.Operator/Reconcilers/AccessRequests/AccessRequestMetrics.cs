using System.Collections.Concurrent;
using Hoop.Api.V1Alpha1;
using Hoop.Kube.Informers;
using Prometheus;

namespace Hoop.Operator.Reconcilers.AccessRequests;

/// <summary>
/// AccessRequest metrics. The phase gauge is kept from what the reconciler sees of each request (every request is
/// reconciled after a start, and a deleted one is reconciled as absent), so it costs no list. Reviews are counted once
/// per process: those stamped before this process started were counted by its predecessor, whose counter a restart resets anyway.
/// </summary>
internal sealed class AccessRequestMetrics
{
    private readonly Gauge _requests;
    private readonly Histogram _decisionSeconds;
    private readonly Counter _reviews;
    private readonly DateTime _startedAt;
    private readonly ConcurrentDictionary<ObjectKey, string> _phases = new();
    private readonly ConcurrentDictionary<ObjectKey, int> _reviewsSeen = new();

    public AccessRequestMetrics(CollectorRegistry registry, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var factory = Metrics.WithCustomRegistry(registry);
        _requests = factory.CreateGauge("hoop_operator_accessrequests", "AccessRequests by namespace and phase.",
            new GaugeConfiguration { LabelNames = ["namespace", "phase"] });
        _decisionSeconds = factory.CreateHistogram("hoop_operator_decision_seconds", "Time from an AccessRequest's creation to its decision.",
            new HistogramConfiguration { Buckets = [1, 10, 60, 300, 900, 1800, 3600, 4 * 3600, 24 * 3600, 7 * 24 * 3600] });
        _reviews = factory.CreateCounter("hoop_operator_reviews_total", "Reviews given on AccessRequests, by decision.",
            new CounterConfiguration { LabelNames = ["decision"] });
        _startedAt = time.GetUtcNow().UtcDateTime;
    }

    /// <summary>Records the phase a request is in now; null when it no longer exists.</summary>
    public void ObservePhase(ObjectKey key, AccessRequestPhase? phase, bool exists)
    {
        var now = exists ? (phase ?? AccessRequestPhase.Pending).ToString() : null;
        _phases.TryGetValue(key, out var before);
        if (before == now)
        {
            return;
        }

        if (before is not null)
        {
            _requests.WithLabels(key.Namespace, before).Dec();
        }

        if (now is null)
        {
            _phases.TryRemove(key, out _);
            _reviewsSeen.TryRemove(key, out _);
            return;
        }

        _requests.WithLabels(key.Namespace, now).Inc();
        _phases[key] = now;
    }

    /// <summary>Counts the reviews not counted before; reviews are append-only, so a count per request suffices.</summary>
    public void ObserveReviews(ObjectKey key, IList<Review>? reviews)
    {
        var all = reviews ?? [];
        if (!_reviewsSeen.TryGetValue(key, out var seen))
        {
            seen = all.TakeWhile(r => r.Time is { } t && t.ToUniversalTime() < _startedAt).Count();
        }

        for (var i = seen; i < all.Count; i++)
        {
            _reviews.WithLabels(all[i].Decision.ToString()).Inc();
        }

        _reviewsSeen[key] = Math.Max(seen, all.Count);
    }

    public void ObserveDecision(TimeSpan sinceCreation) => _decisionSeconds.Observe(Math.Max(0, sinceCreation.TotalSeconds));
}

using Prometheus;

namespace Hoop.Operator.Controllers;

/// <summary>The controllers' Prometheus metrics, labelled by kind; one instance per registry (tests use their own).</summary>
internal sealed class ControllerMetrics
{
    private readonly CollectorRegistry _registry;
    private readonly Counter _reconciles;
    private readonly Counter _errors;
    private readonly Histogram _duration;
    private readonly Gauge _depth;

    public ControllerMetrics(CollectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
        var factory = Metrics.WithCustomRegistry(registry);
        _reconciles = factory.CreateCounter("hoop_operator_reconciles_total", "Reconciles finished, by kind and result (success, error, requeue).", "kind", "result");
        _errors = factory.CreateCounter("hoop_operator_reconcile_errors_total", "Reconciles that threw, by kind.", "kind");
        _duration = factory.CreateHistogram("hoop_operator_reconcile_duration_seconds", "How long a reconcile took, by kind.", new HistogramConfiguration
        {
            LabelNames = ["kind"],
            Buckets = Histogram.ExponentialBuckets(0.001, 2, 16),
        });
        _depth = factory.CreateGauge("hoop_operator_workqueue_depth", "Keys waiting in a controller's work queue, by kind.", "kind");
    }

    /// <summary>Reads the queue's depth whenever metrics are scraped.</summary>
    public void TrackDepth(string kind, Func<int> depth)
    {
        ArgumentNullException.ThrowIfNull(depth);
        var child = _depth.WithLabels(kind);
        _registry.AddBeforeCollectCallback(() => child.Set(depth()));
    }

    public void Reconciled(string kind, ReconcileOutcome outcome, TimeSpan duration)
    {
        _duration.WithLabels(kind).Observe(duration.TotalSeconds);
        _reconciles.WithLabels(kind, outcome switch
        {
            ReconcileOutcome.Success => "success",
            ReconcileOutcome.Requeue => "requeue",
            _ => "error",
        }).Inc();
        if (outcome == ReconcileOutcome.Error)
        {
            _errors.WithLabels(kind).Inc();
        }
    }
}

/// <summary>How a reconcile ended, as the reconciles metric labels it.</summary>
internal enum ReconcileOutcome
{
    Success,
    Requeue,
    Error,
}

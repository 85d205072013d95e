namespace Hoop.Operator.Controllers;

/// <summary>What a reconcile asks of the work queue: nothing more, or another look after a delay (an expiry, a retry of a wait).</summary>
internal readonly record struct ReconcileResult(TimeSpan? RequeueAfter)
{
    public static ReconcileResult Done => default;

    public static ReconcileResult After(TimeSpan delay) => new(delay);
}

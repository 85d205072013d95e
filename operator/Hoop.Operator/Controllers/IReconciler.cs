using Hoop.Kube.Informers;

namespace Hoop.Operator.Controllers;

/// <summary>
/// Converges one object of one kind: reads the world (from informer caches), writes children and status, and is idempotent.
/// It never branches on the event that queued it. Throwing puts the key back on the queue with exponential backoff.
/// </summary>
internal interface IReconciler
{
    /// <summary>The kind reconciled, for logs and metrics (<c>Connection</c>, <c>AccessRequest</c>...).</summary>
    string Kind { get; }

    Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken);
}

using Hoop.Kube.Informers;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Hoop.Operator.Controllers;

/// <summary>
/// Runs one reconciler over a work queue: event sources (the primary kind, owned children, anything mapped) add keys,
/// workers hand each key to the reconciler; a failure is retried with per-key backoff, a requested requeue is honoured.
/// Stopping lets reconciles in flight finish, up to a drain timeout.
/// </summary>
internal sealed class Controller : IDisposable
{
    private readonly IReconciler _reconciler;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ControllerMetrics? _metrics;
    private readonly ControllerOptions _options;

    public Controller(IReconciler reconciler, TimeProvider time, ILogger logger, ControllerMetrics? metrics = null, ControllerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reconciler);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _reconciler = reconciler;
        _time = time;
        _logger = logger;
        _metrics = metrics;
        _options = options ?? new ControllerOptions();
        Queue = new WorkQueue<ObjectKey>(time);
        metrics?.TrackDepth(reconciler.Kind, () => Queue.Count);
    }

    public WorkQueue<ObjectKey> Queue { get; }

    /// <summary>The primary kind: every add and delete enqueues the object; updates only where <paramref name="updateFilter"/> allows (all when null).</summary>
    public Controller Watches<T>(ResourceInformer<T> informer, Func<T, T, bool>? updateFilter = null)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(informer);
        informer.AddEventHandler(new ResourceEventHandler<T>(
            Added: o => Queue.Add(ObjectKey.Of(o.Metadata)),
            Updated: (old, @new) =>
            {
                if (updateFilter is null || updateFilter(old, @new))
                {
                    Queue.Add(ObjectKey.Of(@new.Metadata));
                }
            },
            Deleted: o => Queue.Add(ObjectKey.Of(o.Metadata))));
        return this;
    }

    /// <summary>Children this kind creates: a change to one enqueues the owner its controller reference names, in the child's namespace.</summary>
    public Controller Owns<TChild>(ResourceInformer<TChild> informer, string ownerApiVersion, string ownerKind)
        where TChild : class, IKubernetesObject<V1ObjectMeta>
    {
        return Watches(informer, child => OwnerOf(child.Metadata, ownerApiVersion, ownerKind));
    }

    /// <summary>Any other kind: <paramref name="map"/> names the keys of this controller's kind that a change to it concerns.</summary>
    public Controller Watches<TOther>(ResourceInformer<TOther> informer, Func<TOther, IEnumerable<ObjectKey>> map)
        where TOther : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(informer);
        ArgumentNullException.ThrowIfNull(map);
        void Enqueue(TOther o)
        {
            try
            {
                foreach (var key in map(o))
                {
                    Queue.Add(key);
                }
            }
            catch (Exception e)
            {
                _logger.MapFailed(e, typeof(TOther).Name);
            }
        }

        informer.AddEventHandler(new ResourceEventHandler<TOther>(
            Added: Enqueue,
            // Both: a child moved from one owner to another concerns both.
            Updated: (old, @new) =>
            {
                Enqueue(old);
                Enqueue(@new);
            },
            Deleted: Enqueue));
        return this;
    }

    internal static IEnumerable<ObjectKey> OwnerOf(V1ObjectMeta metadata, string ownerApiVersion, string ownerKind)
    {
        if (metadata.OwnerReferences is not { } owners)
        {
            yield break;
        }

        foreach (var owner in owners)
        {
            if (owner.Controller == true && owner.Kind == ownerKind && owner.ApiVersion == ownerApiVersion)
            {
                yield return new ObjectKey(metadata.NamespaceProperty ?? "", owner.Name);
                yield break;
            }
        }
    }

    /// <summary>Processes keys until cancelled, then waits for reconciles in flight (up to the drain timeout).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // Reconciles in flight keep their own token, cancelled only when the drain runs out of time.
        using var reconciles = new CancellationTokenSource();
        var workers = new Task[Math.Max(1, _options.Workers)];
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = Task.Run(() => WorkAsync(cancellationToken, reconciles.Token), CancellationToken.None);
        }

        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _logger.Draining(_reconciler.Kind, _options.DrainTimeout);
        Queue.ShutDown();
        var all = Task.WhenAll(workers);
        var finished = await Task.WhenAny(all, Task.Delay(_options.DrainTimeout, _time, CancellationToken.None)).ConfigureAwait(false);
        if (finished != all)
        {
            _logger.DrainTimedOut(_reconciler.Kind, _options.DrainTimeout);
            await reconciles.CancelAsync().ConfigureAwait(false);
            await all.ConfigureAwait(false);
        }
    }

    public void Dispose() => Queue.Dispose();

    private async Task WorkAsync(CancellationToken stopping, CancellationToken reconcileToken)
    {
        while (!stopping.IsCancellationRequested)
        {
            ObjectKey? next;
            try
            {
                next = await Queue.GetAsync(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            // A default key (empty name) is what a shut-down queue returns.
            if (next is not { Name.Length: > 0 } key)
            {
                return;
            }

            try
            {
                await ProcessAsync(key, reconcileToken).ConfigureAwait(false);
            }
            finally
            {
                Queue.Done(key);
            }
        }
    }

    private async Task ProcessAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        try
        {
            var result = await _reconciler.ReconcileAsync(key, cancellationToken).ConfigureAwait(false);
            Queue.Forget(key);
            if (result.RequeueAfter is { } delay)
            {
                Queue.AddAfter(key, delay);
            }

            _logger.Reconciled(_reconciler.Kind, key);
            _metrics?.Reconciled(_reconciler.Kind, result.RequeueAfter is null ? ReconcileOutcome.Success : ReconcileOutcome.Requeue, _time.GetElapsedTime(started));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Cut short by the drain timeout: the next leader or the next start reconciles it again.
        }
        catch (Exception e)
        {
            _logger.ReconcileFailed(e, _reconciler.Kind, key, Queue.Failures(key) + 1);
            _metrics?.Reconciled(_reconciler.Kind, ReconcileOutcome.Error, _time.GetElapsedTime(started));
            Queue.AddRateLimited(key);
        }
    }
}

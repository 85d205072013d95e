using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Hoop.Kube.Informers;

/// <summary>
/// Lists then watches one resource, keeps a cache of it and tells handlers what changed, like client-go's informer:
/// an expired watch (410) is followed by a relist whose differences to the cache are raised as events; a lost
/// connection is retried with capped, jittered exponential backoff, resuming from the last resourceVersion seen.
/// </summary>
internal sealed class ResourceInformer<T> : IObjectCache<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly ListWatchClient<T> _client;
    private readonly ResourceDescriptor _resource;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ResourceInformerOptions _options;
    private readonly Lock _lock = new();
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<ResourceEventHandler<T>> _handlers = [];
    private Dictionary<ObjectKey, T> _cache = [];

    public ResourceInformer(IKubernetes client, ResourceDescriptor resource, TimeProvider time, ILogger logger, ResourceInformerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _client = new ListWatchClient<T>(client, resource);
        _resource = resource;
        _time = time;
        _logger = logger;
        _options = options ?? new ResourceInformerOptions();
    }

    public ResourceDescriptor Resource => _resource;

    public bool HasSynced => _synced.Task.IsCompleted;

    /// <summary>The resourceVersion the next watch resumes from: the list's, then each event's and bookmark's.</summary>
    public string? LastResourceVersion { get; private set; }

    public T? Get(ObjectKey key)
    {
        lock (_lock)
        {
            return _cache.GetValueOrDefault(key);
        }
    }

    public IReadOnlyList<T> List(string? @namespace = null)
    {
        lock (_lock)
        {
            if (@namespace is null)
            {
                return [.. _cache.Values];
            }

            var items = new List<T>();
            foreach (var (key, value) in _cache)
            {
                if (key.Namespace == @namespace)
                {
                    items.Add(value);
                }
            }

            return items;
        }
    }

    /// <summary>Registers handlers; objects already cached are raised to them as Added, so none is missed.</summary>
    public void AddEventHandler(ResourceEventHandler<T> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        T[] existing;
        lock (_lock)
        {
            _handlers.Add(handler);
            existing = [.. _cache.Values];
        }

        foreach (var item in existing)
        {
            Raise(handler.Added, item);
        }
    }

    public Task WaitForSyncAsync(CancellationToken cancellationToken) => _synced.Task.WaitAsync(cancellationToken);

    /// <summary>Lists and watches until cancelled; never throws for API errors, it retries them.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (LastResourceVersion is null)
                {
                    await RelistAsync(cancellationToken).ConfigureAwait(false);
                    failures = 0;
                }

                if (await WatchAsync(LastResourceVersion!, () => failures = 0, cancellationToken).ConfigureAwait(false))
                {
                    _logger.Expired(_resource, LastResourceVersion);
                    LastResourceVersion = null;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (HttpOperationException e) when (e.Response?.StatusCode == HttpStatusCode.Gone)
            {
                // A continue token or a resourceVersion too old for the server: start over from a fresh list.
                _logger.Expired(_resource, LastResourceVersion);
                LastResourceVersion = null;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var delay = Backoff(failures++);
                _logger.Failed(e, _resource, delay);
                try
                {
                    await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    /// <summary>Exponential with full jitter in its upper half, so many informers do not reconnect in step.</summary>
    internal TimeSpan Backoff(int failures)
    {
        var ceiling = _options.InitialBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(failures, 20));
        ceiling = Math.Min(ceiling, _options.MaxBackoff.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(ceiling / 2 + Random.Shared.NextDouble() * ceiling / 2);
    }

    private async Task RelistAsync(CancellationToken cancellationToken)
    {
        var fresh = new Dictionary<ObjectKey, T>(_cache.Count);
        string? continueToken = null;
        string resourceVersion;
        do
        {
            var (items, metadata) = await _client.ListAsync(continueToken, _options.PageSize, cancellationToken).ConfigureAwait(false);
            foreach (var item in items)
            {
                fresh[ObjectKey.Of(item.Metadata)] = item;
            }

            continueToken = metadata.ContinueProperty is { Length: > 0 } next ? next : null;
            resourceVersion = metadata.ResourceVersion ?? "";
        }
        while (continueToken is not null);

        Dictionary<ObjectKey, T> old;
        List<ResourceEventHandler<T>> handlers;
        lock (_lock)
        {
            old = _cache;
            _cache = fresh;
            handlers = [.. _handlers];
        }

        LastResourceVersion = resourceVersion;
        _logger.Listed(fresh.Count, _resource, resourceVersion);
        if (handlers.Count > 0)
        {
            RaiseDifferences(handlers, old, fresh);
        }

        _synced.TrySetResult();
    }

    /// <summary>What a relist found changed since the cache was last right: new objects, changed ones, and those gone meanwhile.</summary>
    private void RaiseDifferences(List<ResourceEventHandler<T>> handlers, Dictionary<ObjectKey, T> old, Dictionary<ObjectKey, T> fresh)
    {
        foreach (var (key, item) in fresh)
        {
            if (!old.TryGetValue(key, out var before))
            {
                RaiseAll(handlers, h => h.Added, item);
            }
            else if (before.Metadata.ResourceVersion != item.Metadata.ResourceVersion)
            {
                RaiseAll(handlers, before, item);
            }
        }

        foreach (var (key, item) in old)
        {
            if (!fresh.ContainsKey(key))
            {
                RaiseAll(handlers, h => h.Deleted, item);
            }
        }
    }

    /// <summary>Applies one watch until the server ends it; true when it ended because the resourceVersion expired.</summary>
    private async Task<bool> WatchAsync(string resourceVersion, Action connected, CancellationToken cancellationToken)
    {
        var expired = false;
        var timeout = (int)(_options.WatchTimeout.TotalSeconds * (1 + Random.Shared.NextDouble()));
        _logger.Watching(_resource, resourceVersion);
        void OnError(Exception e)
        {
            if (e is KubernetesException { Status.Code: (int)HttpStatusCode.Gone })
            {
                expired = true;
            }
            else
            {
                _logger.WatchError(e, _resource);
            }
        }

        await foreach (var (type, item) in _client.WatchAsync(resourceVersion, Math.Max(timeout, 1), OnError, cancellationToken).ConfigureAwait(false))
        {
            connected();
            Apply(type, item);
            if (expired)
            {
                break;
            }
        }

        return expired;
    }

    private void Apply(WatchEventType type, T item)
    {
        if (item.Metadata?.ResourceVersion is { Length: > 0 } version)
        {
            LastResourceVersion = version;
        }

        if (type is not (WatchEventType.Added or WatchEventType.Modified or WatchEventType.Deleted))
        {
            return;
        }

        var key = ObjectKey.Of(item.Metadata!);
        T? before;
        List<ResourceEventHandler<T>> handlers;
        lock (_lock)
        {
            _cache.TryGetValue(key, out before);
            if (type == WatchEventType.Deleted)
            {
                _cache.Remove(key);
            }
            else
            {
                _cache[key] = item;
            }

            handlers = _handlers.Count == 0 ? [] : [.. _handlers];
        }

        switch (type)
        {
            case WatchEventType.Deleted:
                RaiseAll(handlers, h => h.Deleted, item);
                break;
            case var _ when before is null:
                RaiseAll(handlers, h => h.Added, item);
                break;
            default:
                RaiseAll(handlers, before, item);
                break;
        }
    }

    private void RaiseAll(List<ResourceEventHandler<T>> handlers, Func<ResourceEventHandler<T>, Action<T>?> pick, T item)
    {
        foreach (var handler in handlers)
        {
            Raise(pick(handler), item);
        }
    }

    private void RaiseAll(List<ResourceEventHandler<T>> handlers, T before, T after)
    {
        foreach (var handler in handlers)
        {
            try
            {
                handler.Updated?.Invoke(before, after);
            }
            catch (Exception e)
            {
                _logger.HandlerFailed(e, _resource);
            }
        }
    }

    private void Raise(Action<T>? action, T item)
    {
        try
        {
            action?.Invoke(item);
        }
        catch (Exception e)
        {
            _logger.HandlerFailed(e, _resource);
        }
    }
}

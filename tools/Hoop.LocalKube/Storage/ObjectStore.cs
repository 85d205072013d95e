using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Hoop.LocalKube.Http;

namespace Hoop.LocalKube.Storage;

/// <summary>
/// The objects, by storage key (<c>group/resource</c>) and <c>namespace/name</c>, with one global resourceVersion
/// counter. Every write is a compare-and-swap under one lock, appended to a bounded event log that lets watches
/// resume from a recent resourceVersion and fan out to subscribers in order. Stored objects are never handed out:
/// readers get clones.
/// </summary>
internal sealed class ObjectStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, SortedDictionary<string, JsonObject>> _collections = new(StringComparer.Ordinal);
    private readonly Queue<WatchEvent> _log = new();
    private readonly int _logCapacity;
    private readonly List<WatchSubscription> _subscribers = [];
    private long _resourceVersion;

    public ObjectStore(int logCapacity = 100_000, long initialResourceVersion = 0)
    {
        _logCapacity = logCapacity;
        _resourceVersion = initialResourceVersion;
    }

    public long CurrentResourceVersion
    {
        get
        {
            lock (_lock)
            {
                return _resourceVersion;
            }
        }
    }

    public static string Key(string? ns, string name) => $"{ns}/{name}";

    public JsonObject? Get(string storageKey, string? ns, string name)
    {
        lock (_lock)
        {
            return Collection(storageKey).TryGetValue(Key(ns, name), out var stored) ? stored.DeepClone().AsObject() : null;
        }
    }

    /// <summary>
    /// All objects of a resource (in one namespace, or all when <paramref name="ns"/> is null), sorted by namespace and
    /// name. These are the stored objects themselves, not copies: a write replaces an object and never changes one,
    /// so they are safe to read and serialize, and must never be modified.
    /// </summary>
    public (List<JsonObject> Items, long ResourceVersion) List(string storageKey, string? ns)
    {
        lock (_lock)
        {
            var items = Collection(storageKey).Values
                .Where(o => ns is null || Namespace(o) == ns)
                .ToList();
            return (items, _resourceVersion);
        }
    }

    /// <summary>Stores a new object; false when the name is taken. Sets metadata.resourceVersion.</summary>
    public bool TryCreate(string storageKey, JsonObject obj, out JsonObject stored)
    {
        lock (_lock)
        {
            var key = Key(Namespace(obj), Name(obj));
            var collection = Collection(storageKey);
            if (collection.TryGetValue(key, out var existing))
            {
                stored = existing.DeepClone().AsObject();
                return false;
            }

            stored = Commit(storageKey, key, obj, WatchEvent.Added);
            return true;
        }
    }

    /// <summary>
    /// Replaces an object if it still has <paramref name="expectedResourceVersion"/> (any version when null).
    /// Returns the new state, or the current one with <c>Conflict</c>, or null when the object is gone.
    /// </summary>
    public WriteOutcome TryUpdate(string storageKey, JsonObject obj, string? expectedResourceVersion)
    {
        lock (_lock)
        {
            var key = Key(Namespace(obj), Name(obj));
            if (!Collection(storageKey).TryGetValue(key, out var current))
            {
                return new WriteOutcome(WriteResult.NotFound, null);
            }

            if (expectedResourceVersion is not null && ResourceVersion(current) != expectedResourceVersion)
            {
                return new WriteOutcome(WriteResult.Conflict, current.DeepClone().AsObject());
            }

            return new WriteOutcome(WriteResult.Written, Commit(storageKey, key, obj, WatchEvent.Modified));
        }
    }

    /// <summary>Removes an object if it still has <paramref name="expectedResourceVersion"/> (any version when null).</summary>
    public WriteOutcome TryDelete(string storageKey, string? ns, string name, string? expectedResourceVersion)
    {
        lock (_lock)
        {
            var key = Key(ns, name);
            var collection = Collection(storageKey);
            if (!collection.TryGetValue(key, out var current))
            {
                return new WriteOutcome(WriteResult.NotFound, null);
            }

            if (expectedResourceVersion is not null && ResourceVersion(current) != expectedResourceVersion)
            {
                return new WriteOutcome(WriteResult.Conflict, current.DeepClone().AsObject());
            }

            collection.Remove(key);
            var deleted = current.DeepClone().AsObject();
            var version = ++_resourceVersion;
            deleted["metadata"]!["resourceVersion"] = version.ToString(CultureInfo.InvariantCulture);
            Publish(new WatchEvent(WatchEvent.Deleted, storageKey, version, deleted));
            return new WriteOutcome(WriteResult.Written, deleted.DeepClone().AsObject());
        }
    }

    /// <summary>
    /// Subscribes to a resource's changes after <paramref name="fromResourceVersion"/>: replays the logged events
    /// after it, then follows live. Null when that version is older than the log keeps (the client must relist).
    /// With <paramref name="fromResourceVersion"/> null, the subscription starts with ADDED events for current state.
    /// </summary>
    public WatchSubscription? Subscribe(string storageKey, long? fromResourceVersion)
    {
        lock (_lock)
        {
            var channel = Channel.CreateUnbounded<WatchEvent>();
            if (fromResourceVersion is null)
            {
                foreach (var obj in Collection(storageKey).Values)
                {
                    channel.Writer.TryWrite(new WatchEvent(WatchEvent.Added, storageKey, _resourceVersion, obj.DeepClone().AsObject()));
                }
            }
            else
            {
                var oldest = _log.Count == 0 ? _resourceVersion : _log.Peek().ResourceVersion - 1;
                if (fromResourceVersion < oldest)
                {
                    return null;
                }

                foreach (var logged in _log.Where(e => e.StorageKey == storageKey && e.ResourceVersion > fromResourceVersion))
                {
                    channel.Writer.TryWrite(logged);
                }
            }

            var subscription = new WatchSubscription(storageKey, channel, this, _resourceVersion);
            _subscribers.Add(subscription);
            return subscription;
        }
    }

    /// <summary>The oldest resourceVersion a watch can still resume from.</summary>
    public long OldestResumableVersion
    {
        get
        {
            lock (_lock)
            {
                return _log.Count == 0 ? _resourceVersion : _log.Peek().ResourceVersion - 1;
            }
        }
    }

    public IEnumerable<string> StorageKeys
    {
        get
        {
            lock (_lock)
            {
                return [.. _collections.Keys];
            }
        }
    }

    /// <summary>Everything stored, with the resourceVersion, as one JSON document.</summary>
    public JsonObject Export()
    {
        lock (_lock)
        {
            var collections = new JsonObject();
            foreach (var (key, objects) in _collections)
            {
                collections[key] = new JsonArray([.. objects.Values.Select(o => (JsonNode)o.DeepClone())]);
            }

            return new JsonObject { ["resourceVersion"] = _resourceVersion, ["collections"] = collections };
        }
    }

    /// <summary>Restores an <see cref="Export"/>ed state into an empty store.</summary>
    public void Import(JsonObject state)
    {
        lock (_lock)
        {
            _resourceVersion = state["resourceVersion"].AsInt64() ?? 0;
            foreach (var (key, objects) in state["collections"]!.AsObject())
            {
                var collection = Collection(key);
                foreach (var obj in objects!.AsArray().OfType<JsonObject>())
                {
                    collection[Key(Namespace(obj), Name(obj))] = obj.DeepClone().AsObject();
                }
            }
        }
    }

    internal void Unsubscribe(WatchSubscription subscription)
    {
        lock (_lock)
        {
            _subscribers.Remove(subscription);
        }
    }

    private JsonObject Commit(string storageKey, string key, JsonObject obj, string type)
    {
        var version = ++_resourceVersion;
        var stored = obj.DeepClone().AsObject();
        var metadata = stored["metadata"] as JsonObject ?? [];
        stored["metadata"] = metadata;
        metadata["resourceVersion"] = version.ToString(CultureInfo.InvariantCulture);
        var collection = Collection(storageKey);
        var previous = collection.GetValueOrDefault(key);
        collection[key] = stored;
        Publish(new WatchEvent(type, storageKey, version, stored.DeepClone().AsObject(), previous));
        return stored.DeepClone().AsObject();
    }

    private void Publish(WatchEvent change)
    {
        _log.Enqueue(change);
        while (_log.Count > _logCapacity)
        {
            _log.Dequeue();
        }

        foreach (var subscriber in _subscribers)
        {
            if (subscriber.StorageKey == change.StorageKey)
            {
                subscriber.Writer.TryWrite(change);
            }
        }
    }

    private SortedDictionary<string, JsonObject> Collection(string storageKey)
    {
        if (!_collections.TryGetValue(storageKey, out var collection))
        {
            collection = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
            _collections[storageKey] = collection;
        }

        return collection;
    }

    public static string? Namespace(JsonObject obj) => obj["metadata"]?["namespace"]?.GetValue<string>();

    public static string Name(JsonObject obj) => obj["metadata"]?["name"]?.GetValue<string>() ?? "";

    public static string? ResourceVersion(JsonObject obj) => obj["metadata"]?["resourceVersion"]?.GetValue<string>();
}

internal enum WriteResult
{
    Written,
    Conflict,
    NotFound,
}

internal sealed record WriteOutcome(WriteResult Result, JsonObject? Object);

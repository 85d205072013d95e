using Hoop.Kube.Informers;
using k8s;
using k8s.Models;

namespace Hoop.Operator.Tests.Reconcilers;

/// <summary>
/// A test double for an informer's cache: it lists through the API when <see cref="RefreshAsync"/> is called, so a test
/// decides when the reconciler sees the world. Stands in for the informers, which another part of the operator provides.
/// </summary>
internal sealed class ApiObjectCache<T>(Func<CancellationToken, Task<IEnumerable<T>>> list) : IObjectCache<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private IReadOnlyList<T> _items = [];

    public bool HasSynced { get; private set; }

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        _items = [.. await list(cancellationToken)];
        HasSynced = true;
    }

    public T? Get(ObjectKey key) =>
        _items.FirstOrDefault(o => o.Metadata.Name == key.Name && (o.Metadata.NamespaceProperty ?? "") == key.Namespace);

    public IReadOnlyList<T> List(string? @namespace = null) =>
        @namespace is null ? _items : [.. _items.Where(o => o.Metadata.NamespaceProperty == @namespace)];
}

/// <summary>An in-memory cache holding given objects, for tests that must make no API call.</summary>
internal sealed class FixedObjectCache<T>(IEnumerable<T> items) : IObjectCache<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly Dictionary<ObjectKey, T> _items = items.ToDictionary(o => ObjectKey.Of(o.Metadata));

    public bool HasSynced => true;

    public T? Get(ObjectKey key) => _items.GetValueOrDefault(key);

    public IReadOnlyList<T> List(string? @namespace = null) =>
        [.. _items.Values.Where(o => @namespace is null || o.Metadata.NamespaceProperty == @namespace)];
}

using k8s;
using k8s.Models;

namespace Hoop.Kube.Informers;

/// <summary>
/// An informer's read-only view of one kind. Objects handed out are shared: never mutate them; copy before changing.
/// </summary>
internal interface IObjectCache<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>True once the first list has been stored, so an absent object really is absent.</summary>
    bool HasSynced { get; }

    T? Get(ObjectKey key);

    /// <summary>Every cached object, or those of one namespace.</summary>
    IReadOnlyList<T> List(string? @namespace = null);
}

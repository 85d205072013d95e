using k8s;
using k8s.Models;

namespace Hoop.Operator.Controllers;

/// <summary>Filters for update events: true lets the update enqueue its object.</summary>
internal static class Predicates
{
    /// <summary>
    /// True unless only the status changed: the same metadata.generation (bumped by spec changes when the status
    /// subresource is on) and the same labels, annotations, finalizers, owner references and deletion timestamp.
    /// A reconcile writing status thus does not trigger itself. Only for kinds whose generation tracks the spec.
    /// </summary>
    public static bool GenerationChanged<T>(T old, T @new)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(old);
        ArgumentNullException.ThrowIfNull(@new);
        var a = old.Metadata;
        var b = @new.Metadata;
        return a.Generation != b.Generation
            || a.DeletionTimestamp != b.DeletionTimestamp
            || !SameMap(a.Labels, b.Labels)
            || !SameMap(a.Annotations, b.Annotations)
            || !SameList(a.Finalizers, b.Finalizers)
            || !SameOwners(a.OwnerReferences, b.OwnerReferences);
    }

    private static bool SameMap(IDictionary<string, string>? a, IDictionary<string, string>? b)
    {
        if ((a?.Count ?? 0) != (b?.Count ?? 0))
        {
            return false;
        }

        if (a is null || b is null)
        {
            return true;
        }

        foreach (var (key, value) in a)
        {
            if (!b.TryGetValue(key, out var other) || other != value)
            {
                return false;
            }
        }

        return true;
    }

    private static bool SameList(IList<string>? a, IList<string>? b) =>
        (a?.Count ?? 0) == (b?.Count ?? 0) && (a is null || b is null || a.SequenceEqual(b));

    private static bool SameOwners(IList<V1OwnerReference>? a, IList<V1OwnerReference>? b)
    {
        if ((a?.Count ?? 0) != (b?.Count ?? 0))
        {
            return false;
        }

        if (a is null || b is null)
        {
            return true;
        }

        for (var i = 0; i < a.Count; i++)
        {
            if (a[i].Uid != b[i].Uid || a[i].Controller != b[i].Controller || a[i].Name != b[i].Name
                || a[i].Kind != b[i].Kind || a[i].ApiVersion != b[i].ApiVersion || a[i].BlockOwnerDeletion != b[i].BlockOwnerDeletion)
            {
                return false;
            }
        }

        return true;
    }
}

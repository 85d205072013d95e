using k8s.Models;

namespace Hoop.Kube.Informers;

/// <summary>What a work queue holds and a reconciler is handed: an object's namespace ("" when cluster-scoped) and name.</summary>
internal readonly record struct ObjectKey(string Namespace, string Name)
{
    public static ObjectKey Of(V1ObjectMeta metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return new ObjectKey(metadata.NamespaceProperty ?? "", metadata.Name ?? "");
    }

    public override string ToString() => Namespace.Length == 0 ? Name : $"{Namespace}/{Name}";
}

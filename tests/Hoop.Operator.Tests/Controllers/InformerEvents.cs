using System.Collections.Concurrent;
using Hoop.Kube.Informers;
using k8s;
using k8s.Models;

namespace Hoop.Operator.Tests.Controllers;

/// <summary>Records what an informer raised, as "added:NAME", "updated:NAME", "deleted:NAME".</summary>
internal sealed class InformerEvents<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly ConcurrentQueue<string> _events = new();

    public InformerEvents(ResourceInformer<T> informer) =>
        informer.AddEventHandler(new ResourceEventHandler<T>(
            o => _events.Enqueue($"added:{o.Metadata.Name}"),
            (_, o) => _events.Enqueue($"updated:{o.Metadata.Name}"),
            o => _events.Enqueue($"deleted:{o.Metadata.Name}")));

    public IReadOnlyList<string> All => [.. _events];

    public bool Saw(string @event) => _events.Contains(@event);
}

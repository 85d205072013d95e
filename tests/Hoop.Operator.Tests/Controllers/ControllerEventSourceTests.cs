using Hoop.Api;
using Hoop.Api.V1Alpha1;
using Hoop.Kube.Informers;
using Hoop.Operator.Controllers;
using Hoop.Testing.Kubernetes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hoop.Operator.Tests.Controllers;

public sealed class ControllerEventSourceTests(LocalKubeFixture kube) : IClassFixture<LocalKubeFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_status_only_update_does_not_enqueue_under_GenerationChanged_but_a_spec_change_does()
    {
        using var client = TestCluster.Client(kube.KubeconfigFor(TestUsers.Admin));
        await TestCluster.ApplyCrdsAsync(client, Ct);
        var ns = await TestCluster.NewNamespaceAsync(client, Ct);
        await TestCluster.CreateAsync(client, TestCluster.Connection(ns, "conn"), Ct);
        var informer = new ResourceInformer<Connection>(client, ResourceDescriptor.For(ResourceKind.Connection, ns), TimeProvider.System, NullLogger.Instance);
        using var controller = new Controller(new ScriptedReconciler((_, _, _) => Task.FromResult(ReconcileResult.Done)), TimeProvider.System, NullLogger.Instance)
            .Watches(informer, Predicates.GenerationChanged);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var run = informer.RunAsync(stop.Token);
        await informer.WaitForSyncAsync(Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);
        await TakeAsync(controller, new ObjectKey(ns, "conn"));

        var statusWritten = await TestCluster.PatchAsync(client, ns, "conn", """{"status":{"endpoint":"conn.gw:5432"}}""", Ct, status: true);
        await TestCluster.EventuallyAsync(() => informer.Get(new ObjectKey(ns, "conn"))?.Metadata.ResourceVersion == statusWritten.Metadata.ResourceVersion, "the status change reached the cache", Ct);
        Assert.Equal(0, controller.Queue.Count);

        await TestCluster.PatchAsync(client, ns, "conn", """{"spec":{"target":{"port":2022}}}""", Ct);
        await TestCluster.EventuallyAsync(() => controller.Queue.Count == 1, "the spec change enqueued the Connection", Ct);

        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10), Ct);
    }

    [Fact]
    public async Task A_change_to_an_owned_child_enqueues_its_owner_and_a_mapped_object_the_keys_it_names()
    {
        using var client = TestCluster.Client(kube.KubeconfigFor(TestUsers.Admin));
        await TestCluster.ApplyCrdsAsync(client, Ct);
        var ns = await TestCluster.NewNamespaceAsync(client, Ct);
        var owner = await TestCluster.CreateAsync(client, TestCluster.Connection(ns, "owner"), Ct);
        var children = new ResourceInformer<V1ConfigMap>(client, ResourceDescriptor.ConfigMaps(ns), TimeProvider.System, NullLogger.Instance);
        var leases = new ResourceInformer<V1Lease>(client, ResourceDescriptor.Leases(ns), TimeProvider.System, NullLogger.Instance);
        using var controller = new Controller(new ScriptedReconciler((_, _, _) => Task.FromResult(ReconcileResult.Done)), TimeProvider.System, NullLogger.Instance)
            .Owns(children, HoopApiGroup.ApiVersion, ResourceKind.Connection.Kind)
            .Watches(leases, (V1Lease l) => l.Metadata.Labels?.TryGetValue("hoop.dev/connection", out var name) == true ? [new ObjectKey(l.Metadata.NamespaceProperty, name)] : []);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var runs = Task.WhenAll(children.RunAsync(stop.Token), leases.RunAsync(stop.Token));
        await Task.WhenAll(children.WaitForSyncAsync(Ct), leases.WaitForSyncAsync(Ct)).WaitAsync(TimeSpan.FromSeconds(10), Ct);

        var reference = new V1OwnerReference { ApiVersion = HoopApiGroup.ApiVersion, Kind = ResourceKind.Connection.Kind, Name = "owner", Uid = owner.Metadata.Uid, BlockOwnerDeletion = true, Controller = true };
        var notController = new V1OwnerReference { ApiVersion = HoopApiGroup.ApiVersion, Kind = ResourceKind.Connection.Kind, Name = "owner", Uid = owner.Metadata.Uid, Controller = false };
        await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "unowned", OwnerReferences = [notController] } }, ns, cancellationToken: Ct);
        await TestCluster.EventuallyAsync(() => children.Get(new ObjectKey(ns, "unowned")) is not null, "the unowned child is cached", Ct);
        Assert.Equal(0, controller.Queue.Count);

        await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "gateway-config", OwnerReferences = [reference] } }, ns, cancellationToken: Ct);
        await TakeAsync(controller, new ObjectKey(ns, "owner"));

        await client.CoreV1.DeleteNamespacedConfigMapAsync("gateway-config", ns, cancellationToken: Ct);
        await TakeAsync(controller, new ObjectKey(ns, "owner"));

        await client.CoordinationV1.CreateNamespacedLeaseAsync(new V1Lease
        {
            Metadata = new V1ObjectMeta { Name = "gw-0", Labels = new Dictionary<string, string> { ["hoop.dev/connection"] = "mapped" } },
            Spec = new V1LeaseSpec { HolderIdentity = "gw-0" },
        }, ns, cancellationToken: Ct);
        await TakeAsync(controller, new ObjectKey(ns, "mapped"));

        await stop.CancelAsync();
        await runs.WaitAsync(TimeSpan.FromSeconds(10), Ct);
    }

    private static async Task TakeAsync(Controller controller, ObjectKey expected)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        var key = await controller.Queue.GetAsync(timeout.Token);
        Assert.Equal(expected, key);
        controller.Queue.Done(key);
    }
}

using Hoop.Api;
using Hoop.Api.V1Alpha1;
using Hoop.Kube.Informers;
using Hoop.Operator.Controllers;
using Hoop.Operator.Reconcilers.Connections;
using Hoop.Testing.Kubernetes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Hoop.Operator.Tests.Reconcilers;

public sealed class ConnectionReconcilerTests(LocalKubeFixture fixture) : IClassFixture<LocalKubeFixture>
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    private ConnectionReconciler Reconciler(LocalKubeWorld world) =>
        new(world.Connections, world.Leases, world.Client, new GatewayDefaults { Image = "ghcr.io/hoop-operator/gateway:test" }, _time, NullLogger<ConnectionReconciler>.Instance);

    private async Task<ReconcileResult> ReconcileAsync(LocalKubeWorld world, string name = "orders-db")
    {
        await world.RefreshAsync(_ct);
        return await Reconciler(world).ReconcileAsync(new ObjectKey(world.Namespace, name), _ct);
    }

    private async Task ApplyOrdersDbAsync(LocalKubeWorld world, bool withSecrets = true)
    {
        if (withSecrets)
        {
            await world.ApplySampleAsync("v1_secret_orders-db-credentials.yaml", cancellationToken: _ct);
            await world.ApplySampleAsync("v1_secret_orders-db-ca.yaml", cancellationToken: _ct);
        }

        await world.ApplySampleAsync("hoop.dev_v1alpha1_connection_orders-db.yaml", cancellationToken: _ct);
    }

    private static V1Condition Condition(Connection connection, string type) =>
        connection.Status!.Conditions!.Single(c => c.Type == type);

    [Fact]
    public async Task Gateway_objects_appear_owned_by_the_connection_and_vanish_with_it()
    {
        using var world = await LocalKubeWorld.CreateAsync(fixture, _ct);
        await ApplyOrdersDbAsync(world);

        await ReconcileAsync(world);

        var connection = await world.GetAsync<Connection>(ResourceKind.Connection, "orders-db", _ct);
        var core = world.Client.CoreV1;
        var ns = world.Namespace;
        IKubernetesObject<V1ObjectMeta>[] children =
        [
            await core.ReadNamespacedServiceAccountAsync("orders-db-gateway", ns, cancellationToken: _ct),
            await world.Client.RbacAuthorizationV1.ReadNamespacedRoleAsync("orders-db-gateway", ns, cancellationToken: _ct),
            await world.Client.RbacAuthorizationV1.ReadNamespacedRoleBindingAsync("orders-db-gateway", ns, cancellationToken: _ct),
            await core.ReadNamespacedConfigMapAsync("orders-db-gateway", ns, cancellationToken: _ct),
            await world.Client.AppsV1.ReadNamespacedStatefulSetAsync("orders-db-gateway", ns, cancellationToken: _ct),
            await core.ReadNamespacedServiceAsync("orders-db-gateway", ns, cancellationToken: _ct),
        ];
        foreach (var child in children)
        {
            var owner = Assert.Single(child.Metadata.OwnerReferences);
            Assert.Equal((connection.Metadata.Uid, true, true), (owner.Uid, owner.Controller, owner.BlockOwnerDeletion));
        }

        var statefulSet = (V1StatefulSet)children[4];
        Assert.Equal(2, statefulSet.Spec.Replicas);
        Assert.Equal("5Gi", statefulSet.Spec.VolumeClaimTemplates[0].Spec.Resources.Requests["storage"].ToString());
        Assert.Equal($"orders-db-gateway.{ns}.svc:5432", connection.Status!.Endpoint);

        await world.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(HoopApiGroup.Group, HoopApiGroup.Version, ns, "connections", "orders-db", cancellationToken: _ct);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await world.Client.AppsV1.ListNamespacedStatefulSetAsync(ns, cancellationToken: _ct)).Items.Count > 0
            || (await core.ListNamespacedServiceAsync(ns, cancellationToken: _ct)).Items.Count > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the garbage collector removes the gateway objects of a deleted Connection");
            await Task.Delay(100, _ct);
        }

        Assert.Empty((await core.ListNamespacedConfigMapAsync(ns, labelSelector: $"{WellKnownLabels.Connection}=orders-db", cancellationToken: _ct)).Items);
    }

    [Fact]
    public async Task The_recording_key_is_made_once_random_owned_by_the_connection_and_never_rewritten()
    {
        using var world = await LocalKubeWorld.CreateAsync(fixture, _ct);
        await ApplyOrdersDbAsync(world);

        await ReconcileAsync(world);
        var name = GatewayNames.RecordingKey("orders-db");
        var first = await world.Client.CoreV1.ReadNamespacedSecretAsync(name, world.Namespace, cancellationToken: _ct);
        var key = first.Data[GatewayNames.RecordingKeyField];
        Assert.Equal(32, key.Length);
        Assert.NotEqual(new byte[32], key);
        Assert.Equal("orders-db", Assert.Single(first.Metadata.OwnerReferences).Name);

        await ReconcileAsync(world);
        var second = await world.Client.CoreV1.ReadNamespacedSecretAsync(name, world.Namespace, cancellationToken: _ct);
        Assert.Equal(first.Metadata.ResourceVersion, second.Metadata.ResourceVersion);
        Assert.Equal(key, second.Data[GatewayNames.RecordingKeyField]);

        // The gateway may read it, by name, and no other Secret beyond its own.
        var role = await world.Client.RbacAuthorizationV1.ReadNamespacedRoleAsync("orders-db-gateway", world.Namespace, cancellationToken: _ct);
        Assert.Contains(name, role.Rules.Single(r => r.Resources.Contains("secrets")).ResourceNames);
    }

    [Fact]
    public async Task A_missing_secret_is_reported_then_readiness_follows_the_gateway_leases()
    {
        using var world = await LocalKubeWorld.CreateAsync(fixture, _ct);
        await ApplyOrdersDbAsync(world, withSecrets: false);

        var result = await ReconcileAsync(world);
        var connection = await world.GetAsync<Connection>(ResourceKind.Connection, "orders-db", _ct);
        var ready = Condition(connection, ConditionTypes.Ready);
        Assert.Equal(("False", ConditionReasons.SecretNotFound), (ready.Status, ready.Reason));
        Assert.Contains("orders-db-credentials", ready.Message, StringComparison.Ordinal);
        Assert.Equal("True", Condition(connection, ConditionTypes.Degraded).Status);
        Assert.Equal(ConnectionReconciler.SecretRetry, result.RequeueAfter);

        await world.ApplySampleAsync("v1_secret_orders-db-credentials.yaml", cancellationToken: _ct);
        await world.ApplySampleAsync("v1_secret_orders-db-ca.yaml", cancellationToken: _ct);
        result = await ReconcileAsync(world);
        connection = await world.GetAsync<Connection>(ResourceKind.Connection, "orders-db", _ct);
        Assert.Equal(("False", ConditionReasons.GatewayUnavailable), (Condition(connection, ConditionTypes.Ready).Status, Condition(connection, ConditionTypes.Ready).Reason));
        Assert.Equal("True", Condition(connection, ConditionTypes.Progressing).Status);
        Assert.Equal("False", Condition(connection, ConditionTypes.Degraded).Status);
        Assert.Null(result.RequeueAfter);

        await world.Client.CoordinationV1.CreateNamespacedLeaseAsync(new V1Lease
        {
            Metadata = new V1ObjectMeta
            {
                Name = GatewayNames.LivenessLease("orders-db", "orders-db-gateway-0"),
                Labels = new Dictionary<string, string> { [WellKnownLabels.Connection] = "orders-db" },
            },
            Spec = new V1LeaseSpec { HolderIdentity = "orders-db-gateway-0", LeaseDurationSeconds = 15, RenewTime = _time.GetUtcNow().UtcDateTime },
        }, world.Namespace, cancellationToken: _ct);
        result = await ReconcileAsync(world);
        connection = await world.GetAsync<Connection>(ResourceKind.Connection, "orders-db", _ct);
        Assert.Equal(("True", ConditionReasons.Available), (Condition(connection, ConditionTypes.Ready).Status, Condition(connection, ConditionTypes.Ready).Reason));
        Assert.Equal(1, connection.Status!.ReadyReplicas);
        Assert.InRange(result.RequeueAfter!.Value, TimeSpan.FromSeconds(14), TimeSpan.FromSeconds(15));

        _time.Advance(TimeSpan.FromSeconds(16));
        await ReconcileAsync(world);
        connection = await world.GetAsync<Connection>(ResourceKind.Connection, "orders-db", _ct);
        Assert.Equal(ConditionReasons.GatewayUnavailable, Condition(connection, ConditionTypes.Ready).Reason);
        Assert.Equal(0, connection.Status!.ReadyReplicas);
    }

    [Fact]
    public async Task Incomplete_credentials_name_the_missing_keys()
    {
        using var world = await LocalKubeWorld.CreateAsync(fixture, _ct);
        await world.ApplySampleAsync("v1_secret_orders-db-credentials.yaml", m => m["stringData"]!.AsObject().Remove("password"), _ct);
        await world.ApplySampleAsync("v1_secret_orders-db-ca.yaml", cancellationToken: _ct);
        await world.ApplySampleAsync("hoop.dev_v1alpha1_connection_orders-db.yaml", cancellationToken: _ct);

        await ReconcileAsync(world);

        var ready = Condition(await world.GetAsync<Connection>(ResourceKind.Connection, "orders-db", _ct), ConditionTypes.Ready);
        Assert.Equal(ConditionReasons.MissingCredentials, ready.Reason);
        Assert.Contains("password", ready.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reconciling_a_converged_connection_writes_nothing()
    {
        using var world = await LocalKubeWorld.CreateAsync(fixture, _ct);
        await ApplyOrdersDbAsync(world);
        await ReconcileAsync(world);
        var before = await ResourceVersionsAsync(world);

        _time.Advance(TimeSpan.FromMinutes(5));
        await ReconcileAsync(world);

        Assert.Equal(before, await ResourceVersionsAsync(world));
    }

    [Fact]
    public async Task A_changed_spec_rewrites_only_the_gateway_objects_that_differ()
    {
        using var world = await LocalKubeWorld.CreateAsync(fixture, _ct);
        await ApplyOrdersDbAsync(world);
        await ReconcileAsync(world);
        var service = (await world.Client.CoreV1.ReadNamespacedServiceAsync("orders-db-gateway", world.Namespace, cancellationToken: _ct)).Metadata.ResourceVersion;

        var patch = new V1Patch("""{"spec":{"gateway":{"replicas":3}}}""", V1Patch.PatchType.MergePatch);
        await world.Client.CustomObjects.PatchNamespacedCustomObjectAsync(patch, HoopApiGroup.Group, HoopApiGroup.Version, world.Namespace, "connections", "orders-db", cancellationToken: _ct);
        await ReconcileAsync(world);

        var statefulSet = await world.Client.AppsV1.ReadNamespacedStatefulSetAsync("orders-db-gateway", world.Namespace, cancellationToken: _ct);
        Assert.Equal(3, statefulSet.Spec.Replicas);
        Assert.Equal(service, (await world.Client.CoreV1.ReadNamespacedServiceAsync("orders-db-gateway", world.Namespace, cancellationToken: _ct)).Metadata.ResourceVersion);
        var connection = await world.GetAsync<Connection>(ResourceKind.Connection, "orders-db", _ct);
        Assert.Equal(2, connection.Status!.ObservedGeneration);
    }

    private async Task<string[]> ResourceVersionsAsync(LocalKubeWorld world)
    {
        var ns = world.Namespace;
        return
        [
            (await world.GetAsync<Connection>(ResourceKind.Connection, "orders-db", _ct)).Metadata.ResourceVersion,
            (await world.Client.CoreV1.ReadNamespacedServiceAccountAsync("orders-db-gateway", ns, cancellationToken: _ct)).Metadata.ResourceVersion,
            (await world.Client.RbacAuthorizationV1.ReadNamespacedRoleAsync("orders-db-gateway", ns, cancellationToken: _ct)).Metadata.ResourceVersion,
            (await world.Client.RbacAuthorizationV1.ReadNamespacedRoleBindingAsync("orders-db-gateway", ns, cancellationToken: _ct)).Metadata.ResourceVersion,
            (await world.Client.CoreV1.ReadNamespacedConfigMapAsync("orders-db-gateway", ns, cancellationToken: _ct)).Metadata.ResourceVersion,
            (await world.Client.AppsV1.ReadNamespacedStatefulSetAsync("orders-db-gateway", ns, cancellationToken: _ct)).Metadata.ResourceVersion,
            (await world.Client.CoreV1.ReadNamespacedServiceAsync("orders-db-gateway", ns, cancellationToken: _ct)).Metadata.ResourceVersion,
        ];
    }
}

using Hoop.Testing.Kubernetes;

namespace Hoop.Chart.Tests.Rbac;

/// <summary>The operator's ClusterRole, bound to a test user in one namespace, asked what it allows.</summary>
public sealed class OperatorRoleAccessTests(LocalKubeFixture fixture) : IClassFixture<LocalKubeFixture>
{
    [Fact]
    public async Task The_operator_writes_status_and_gateway_objects_but_never_a_users_spec()
    {
        using var cluster = new ChartOnLocalKube(fixture);
        (await cluster.ApplyStaticManifestsAsync()).Succeeded();
        var ns = await cluster.NamespaceAsync();
        await cluster.BindAsync(ns, TestUsers.Dave, "hoop-operator");

        foreach (var kind in new[] { "connections", "approvalpolicies", "accessrequests" })
        {
            Assert.True(await cluster.CanAsync(TestUsers.Dave, ns, "patch", $"{kind}.hoop.dev", "--subresource=status"), kind);
            Assert.False(await cluster.CanAsync(TestUsers.Dave, ns, "update", $"{kind}.hoop.dev"), kind);
            Assert.False(await cluster.CanAsync(TestUsers.Dave, ns, "patch", $"{kind}.hoop.dev"), kind);
            Assert.False(await cluster.CanAsync(TestUsers.Dave, ns, "delete", $"{kind}.hoop.dev"), kind);
        }

        Assert.True(await cluster.CanAsync(TestUsers.Dave, ns, "create", "statefulsets.apps"));
        Assert.True(await cluster.CanAsync(TestUsers.Dave, ns, "update", "roles.rbac.authorization.k8s.io"));
        Assert.True(await cluster.CanAsync(TestUsers.Dave, ns, "get", "secrets"));
        Assert.False(await cluster.CanAsync(TestUsers.Dave, ns, "list", "secrets"));
        Assert.False(await cluster.CanAsync(TestUsers.Dave, ns, "approve", "approvalpolicies.hoop.dev/production"));
        Assert.False(await cluster.CanAsync(TestUsers.Dave, ns, "delete", "statefulsets.apps"));
    }

    [Fact]
    public async Task The_operator_holds_every_right_of_the_gateway_role_it_creates()
    {
        // Kubernetes refuses to let a subject create a Role granting more than it holds. These are the rules of the
        // Role the operator writes per Connection (GatewayResources.BuildRole in the operator).
        string[][] gatewayRights =
        [
            ["get", "connections.hoop.dev/orders-db"], ["list", "connections.hoop.dev"], ["watch", "connections.hoop.dev"],
            ["get", "secrets/orders-db-credentials"], ["get", "approvalpolicies.hoop.dev"], ["list", "approvalpolicies.hoop.dev"],
            ["watch", "approvalpolicies.hoop.dev"], ["create", "accessrequests.hoop.dev"], ["get", "accessrequests.hoop.dev"],
            ["list", "accessrequests.hoop.dev"], ["watch", "accessrequests.hoop.dev"],
            ["get", "accessrequests.hoop.dev", "--subresource=status"], ["patch", "accessrequests.hoop.dev", "--subresource=status"],
            ["create", "leases.coordination.k8s.io"], ["get", "leases.coordination.k8s.io/orders-db-gateway-orders-db-gateway-0"],
            ["update", "leases.coordination.k8s.io/orders-db-gateway-orders-db-gateway-0"], ["create", "events"],
        ];
        using var cluster = new ChartOnLocalKube(fixture);
        (await cluster.ApplyStaticManifestsAsync()).Succeeded();
        var ns = await cluster.NamespaceAsync();
        await cluster.BindAsync(ns, TestUsers.Dave, "hoop-operator");

        foreach (var right in gatewayRights)
        {
            Assert.True(await cluster.CanAsync(TestUsers.Dave, ns, right), string.Join(' ', right));
        }
    }
}

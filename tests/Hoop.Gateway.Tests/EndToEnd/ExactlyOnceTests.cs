using System.Net;
using Hoop.Api.V1Alpha1;
using Hoop.Gateway.Approvals;
using Hoop.Gateway.Authentication;
using Hoop.Gateway.Hosting;
using Hoop.Testing.Kubernetes;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hoop.Gateway.Tests.EndToEnd;

/// <summary>Two gateway replicas race for one approved request: the phase-testing JSON patch lets exactly one run it.</summary>
public sealed class ExactlyOnceTests(GatewayWorld world) : IClassFixture<GatewayWorld>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Of_two_replicas_claiming_an_approved_request_exactly_one_wins_and_its_result_is_recorded()
    {
        Assert.SkipWhen(world.MissingReason is not null, world.MissingReason ?? "");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var kubeconfig = Path.Combine(world.Recordings, "..", "kubeconfig-race");
        await File.WriteAllTextAsync(kubeconfig, world.GatewayKubeconfig(), Ct);
        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
        var replicas = new[] { Broker(client, "gw-a"), Broker(client, "gw-b") };
        var watches = replicas.Select(r => r.RunAsync(stop.Token)).ToList();
        foreach (var replica in replicas)
        {
            await replica.WaitForSyncAsync(Ct);
        }

        var request = await replicas[0].CreateAsync(
            new EndUser(TestUsers.Alice, null, ["developers"], "kubernetes"),
            new HeldStatement("UPDATE orders SET total = total + 1 WHERE id = 10", world.Database, null, "pg-race-1"), "race test", null, Ct);
        var name = request.Metadata.Name;
        await GatewayWorld.EventuallyAsync(async () => (await Phase(client, name)) == AccessRequestPhase.Pending, "the operator evaluated the request", Ct);

        // Before approval nobody may claim it.
        Assert.False(await replicas[1].ClaimAsync(name, Ct));

        (await world.As(TestUsers.Bob).RunAsync(["patch", "accessrequest", name, "-n", GatewayWorld.Namespace, "--subresource=status", "--type=json",
            "-p", """[{"op":"add","path":"/status/reviews/-","value":{"decision":"Approve"}}]"""], null, Ct)).Succeeded();
        var decided = await replicas[0].WaitForDecisionAsync(name, Ct).WaitAsync(TimeSpan.FromSeconds(20), Ct);
        Assert.Equal(AccessRequestPhase.Approved, decided.Phase);

        var claims = await Task.WhenAll(replicas.Select(r => r.ClaimAsync(name, Ct)));
        Assert.Single(claims, won => won);
        Assert.False(await replicas[0].ClaimAsync(name, Ct));

        var winner = replicas[Array.IndexOf(claims, true)];
        await winner.CompleteAsync(name, new ExecutionOutcome(true, 1, null, "pg-race-1", "pg-race-1.jsonl"), Ct);
        var done = await client.CustomObjects.GetNamespacedCustomObjectAsync<AccessRequest>(
            Api.HoopApiGroup.Group, Api.HoopApiGroup.Version, GatewayWorld.Namespace, "accessrequests", name, cancellationToken: Ct);
        Assert.Equal(AccessRequestPhase.Succeeded, done.Status!.Phase);
        Assert.Equal(1, done.Status.Execution!.RowsAffected);
        Assert.Equal(claims[0] ? "gw-a" : "gw-b", done.Status.Execution.ExecutedBy);

        await stop.CancelAsync();
        await Task.WhenAll(watches);
    }

    private AccessRequestBroker Broker(Kubernetes client, string replica) => new(
        client,
        new GatewayOptions
        {
            Namespace = GatewayWorld.Namespace,
            Connection = GatewayWorld.ConnectionName,
            Recordings = new DirectoryInfo(world.Recordings),
            Replica = replica,
            Listen = new IPEndPoint(IPAddress.Loopback, 0),
        },
        TimeProvider.System,
        NullLoggerFactory.Instance);

    private static async Task<AccessRequestPhase?> Phase(Kubernetes client, string name) =>
        (await client.CustomObjects.GetNamespacedCustomObjectAsync<AccessRequest>(
            Api.HoopApiGroup.Group, Api.HoopApiGroup.Version, GatewayWorld.Namespace, "accessrequests", name, cancellationToken: Ct)).Status?.Phase;
}

using System.Diagnostics;
using Hoop.Api;
using Hoop.Api.V1Alpha1;
using Hoop.Kube.Informers;
using Hoop.Testing.Kubernetes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hoop.Operator.Tests.Controllers;

public sealed class ResourceInformerScaleTests(LocalKubeFixture kube) : IClassFixture<LocalKubeFixture>
{
    private const int Requests = 10_000;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ten_thousand_access_requests_are_listed_into_the_cache_in_seconds()
    {
        using var client = TestCluster.Client(kube.KubeconfigFor(TestUsers.Admin));
        await TestCluster.ApplyCrdsAsync(client, Ct);
        var ns = await TestCluster.NewNamespaceAsync(client, Ct);
        var created = 0;
        await Parallel.ForAsync(0, Requests, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = Ct }, async (i, ct) =>
        {
            await client.CustomObjects.CreateNamespacedCustomObjectAsync<AccessRequest>(Request(ns, i), HoopApiGroup.Group, HoopApiGroup.Version, ns, ResourceKind.AccessRequest.Plural, cancellationToken: ct);
            Interlocked.Increment(ref created);
        });

        var informer = new ResourceInformer<AccessRequest>(client, ResourceDescriptor.For(ResourceKind.AccessRequest, ns), TimeProvider.System, NullLogger.Instance);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var started = Stopwatch.GetTimestamp();
        var run = informer.RunAsync(stop.Token);
        await informer.WaitForSyncAsync(Ct).WaitAsync(TimeSpan.FromSeconds(60), Ct);
        var elapsed = Stopwatch.GetElapsedTime(started);
        TestContext.Current.SendDiagnosticMessage($"listed {Requests} AccessRequests in {elapsed.TotalMilliseconds:F0} ms");

        Assert.Equal(Requests, informer.List(ns).Count);
        Assert.Equal("select 4711", informer.Get(new ObjectKey(ns, "req-4711"))!.Spec.Operation.Sql!.Statement);
        // Generous for a loaded two-core machine; the point is no quadratic behaviour or per-item round trip.
        Assert.True(elapsed < TimeSpan.FromSeconds(15), $"listing {Requests} AccessRequests took {elapsed}");

        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10), Ct);
    }

    private static AccessRequest Request(string ns, int i) => new()
    {
        Metadata = new V1ObjectMeta { Name = $"req-{i}", NamespaceProperty = ns },
        Spec = new AccessRequestSpec
        {
            ConnectionRef = new ConnectionReference { Name = "orders-db" },
            Reason = "load",
            Operation = new Operation { Sql = new SqlOperation { Statement = $"select {i}" } },
        },
    };
}

using System.Net;
using Hoop.Api;
using Hoop.Api.V1Alpha1;
using Hoop.Kube.Informers;
using Hoop.LocalKube.Hosting;
using Hoop.Testing.Kubernetes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hoop.Operator.Tests.Controllers;

public sealed class ResourceInformerTests(LocalKubeFixture kube) : IClassFixture<LocalKubeFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_cache_fills_from_the_list_and_follows_adds_updates_and_deletes()
    {
        using var client = TestCluster.Client(kube.KubeconfigFor(TestUsers.Admin));
        await TestCluster.ApplyCrdsAsync(client, Ct);
        var ns = await TestCluster.NewNamespaceAsync(client, Ct);
        await TestCluster.CreateAsync(client, TestCluster.Connection(ns, "before"), Ct);
        // Page size 1: the list must follow continue tokens to see both.
        await TestCluster.CreateAsync(client, TestCluster.Connection(ns, "before-2"), Ct);

        var informer = new ResourceInformer<Connection>(client, ResourceDescriptor.For(ResourceKind.Connection, ns), TimeProvider.System, NullLogger.Instance, new ResourceInformerOptions { PageSize = 1 });
        var events = new InformerEvents<Connection>(informer);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var run = informer.RunAsync(stop.Token);
        await informer.WaitForSyncAsync(Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.True(informer.HasSynced);
        Assert.Equal(["before", "before-2"], informer.List(ns).Select(c => c.Metadata.Name).Order());
        Assert.Empty(informer.List("elsewhere"));

        await TestCluster.CreateAsync(client, TestCluster.Connection(ns, "after"), Ct);
        await TestCluster.EventuallyAsync(() => events.Saw("added:after"), "the new Connection is added", Ct);
        Assert.NotNull(informer.Get(new ObjectKey(ns, "after")));

        await TestCluster.PatchAsync(client, ns, "after", """{"spec":{"target":{"port":2222}}}""", Ct);
        await TestCluster.EventuallyAsync(() => events.Saw("updated:after"), "the change is seen", Ct);
        Assert.Equal(2222, informer.Get(new ObjectKey(ns, "after"))!.Spec.Target.Port);

        await TestCluster.DeleteAsync(client, ns, "before", Ct);
        await TestCluster.EventuallyAsync(() => events.Saw("deleted:before"), "the deletion is seen", Ct);
        Assert.Null(informer.Get(new ObjectKey(ns, "before")));

        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10), Ct);
    }

    [Fact]
    public async Task A_core_kind_is_listed_and_watched_with_a_label_selector()
    {
        using var client = TestCluster.Client(kube.KubeconfigFor(TestUsers.Admin));
        var ns = await TestCluster.NewNamespaceAsync(client, Ct);
        await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("picked", "yes"), ns, cancellationToken: Ct);
        await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("ignored", "no"), ns, cancellationToken: Ct);

        var informer = new ResourceInformer<V1ConfigMap>(client, ResourceDescriptor.ConfigMaps(ns, "pick=yes"), TimeProvider.System, NullLogger.Instance);
        var events = new InformerEvents<V1ConfigMap>(informer);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var run = informer.RunAsync(stop.Token);
        await informer.WaitForSyncAsync(Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal(["picked"], informer.List().Select(c => c.Metadata.Name));

        await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("picked-later", "yes"), ns, cancellationToken: Ct);
        await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("ignored-later", "no"), ns, cancellationToken: Ct);
        await TestCluster.EventuallyAsync(() => events.Saw("added:picked-later"), "the matching ConfigMap is added", Ct);
        Assert.DoesNotContain("added:ignored-later", events.All);
        Assert.DoesNotContain("added:ignored", events.All);

        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10), Ct);
    }

    [Fact]
    public async Task An_object_deleted_while_the_watch_had_expired_is_reported_deleted_after_the_relist()
    {
        await using var server = await LocalKube.Hosting.LocalKube.StartAsync(new LocalKubeOptions { TokensCsv = TestUsers.TokensCsv, WatchHistory = 2 }, Ct);
        using var client = ClientOf(server);
        var ns = await TestCluster.NewNamespaceAsync(client, Ct);
        await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("stays", "yes"), ns, cancellationToken: Ct);
        await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("goes", "yes"), ns, cancellationToken: Ct);

        var informer = new ResourceInformer<V1ConfigMap>(client, ResourceDescriptor.ConfigMaps(ns), TimeProvider.System, NullLogger.Instance);
        var events = new InformerEvents<V1ConfigMap>(informer);
        using (var first = CancellationTokenSource.CreateLinkedTokenSource(Ct))
        {
            var run = informer.RunAsync(first.Token);
            await informer.WaitForSyncAsync(Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);
            await first.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        }

        var stale = informer.LastResourceVersion;
        // While nobody watches: more changes than the server remembers, one of them a deletion.
        await client.CoreV1.DeleteNamespacedConfigMapAsync("goes", ns, cancellationToken: Ct);
        for (var i = 0; i < 5; i++)
        {
            await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap($"new-{i}", "yes"), ns, cancellationToken: Ct);
        }

        using var second = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var again = informer.RunAsync(second.Token);
        await TestCluster.EventuallyAsync(() => events.Saw("deleted:goes"), "the relist reports the deletion it missed", Ct);
        await TestCluster.EventuallyAsync(() => events.Saw("added:new-4"), "the relist reports what was created meanwhile", Ct);
        Assert.NotEqual(stale, informer.LastResourceVersion);
        Assert.Null(informer.Get(new ObjectKey(ns, "goes")));
        Assert.NotNull(informer.Get(new ObjectKey(ns, "stays")));
        Assert.DoesNotContain("deleted:stays", events.All);

        await second.CancelAsync();
        await again.WaitAsync(TimeSpan.FromSeconds(10), Ct);
    }

    [Fact]
    public async Task The_informer_reconnects_after_the_api_server_went_away_and_came_back()
    {
        var data = Directory.CreateTempSubdirectory("hoop-informer-restart-").FullName;
        try
        {
            var server = await LocalKube.Hosting.LocalKube.StartAsync(new LocalKubeOptions { TokensCsv = TestUsers.TokensCsv, DataDirectory = data }, Ct);
            var endpoint = new IPEndPoint(IPAddress.Loopback, server.Url.Port);
            using var client = ClientOf(server);
            var ns = await TestCluster.NewNamespaceAsync(client, Ct);
            await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("first", "yes"), ns, cancellationToken: Ct);

            var informer = new ResourceInformer<V1ConfigMap>(client, ResourceDescriptor.ConfigMaps(ns), TimeProvider.System, NullLogger.Instance,
                // Short watches: a stopping server waits for open requests, and the test need not wait its full grace period.
                new ResourceInformerOptions { InitialBackoff = TimeSpan.FromMilliseconds(50), MaxBackoff = TimeSpan.FromMilliseconds(500), WatchTimeout = TimeSpan.FromSeconds(1) });
            var events = new InformerEvents<V1ConfigMap>(informer);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            var run = informer.RunAsync(stop.Token);
            await informer.WaitForSyncAsync(Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);

            await server.DisposeAsync();
            await Task.Delay(1000, Ct);
            Assert.False(run.IsCompleted, "the informer gave up when the server went away");

            await using var restarted = await LocalKube.Hosting.LocalKube.StartAsync(new LocalKubeOptions { TokensCsv = TestUsers.TokensCsv, DataDirectory = data, Listen = endpoint }, Ct);
            await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("second", "yes"), ns, cancellationToken: Ct);

            await TestCluster.EventuallyAsync(() => events.Saw("added:second"), "the informer watches the restarted server", Ct, TimeSpan.FromSeconds(20));
            Assert.NotNull(informer.Get(new ObjectKey(ns, "first")));
            Assert.DoesNotContain("deleted:first", events.All);

            await stop.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    internal static Kubernetes ClientOf(LocalKube.Hosting.LocalKube server)
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, server.Kubeconfig(TestUsers.Admin));
            var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(path);
            // A restarted LocalKube serves a new self-signed certificate; the test cares about reconnecting, not the CA.
            config.SkipTlsVerify = true;
            return new Kubernetes(config);
        }
        finally
        {
            File.Delete(path);
        }
    }

    internal static V1ConfigMap ConfigMap(string name, string pick) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["pick"] = pick } },
        Data = new Dictionary<string, string> { ["k"] = "v" },
    };
}

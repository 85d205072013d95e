using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Hoop.LocalKube.Hosting;
using Hoop.Testing.Kubernetes;
using k8s;
using k8s.Models;

namespace Hoop.LocalKube.Tests.Http;

/// <summary>The real KubernetesClient, HTTP/2, restarts with a data directory, and the hoop-localkube process itself.</summary>
public sealed class ClientCompatibilityTests(LocalKubeFixture fixture) : IClassFixture<LocalKubeFixture>
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task KubernetesClient_creates_lists_and_watches_through_the_kubeconfig()
    {
        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(fixture.KubeconfigFor(TestUsers.Admin));
        using var client = new Kubernetes(config);
        var ns = $"t-{Guid.NewGuid().ToString("N")[..10]}";
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: _ct);

        var list = await client.CoreV1.ListNamespacedConfigMapAsync(ns, cancellationToken: _ct);
        var events = new List<(WatchEventType, string)>();
        using var seen = new SemaphoreSlim(0);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(_ct);
        var watching = Task.Run(async () =>
        {
            try
            {
                await foreach (var (type, item) in client.CoreV1.WatchListNamespacedConfigMapAsync(ns, resourceVersion: list.Metadata.ResourceVersion, allowWatchBookmarks: true, cancellationToken: stop.Token))
                {
                    if (type != WatchEventType.Bookmark)
                    {
                        lock (events)
                        {
                            events.Add((type, item.Metadata.Name));
                        }

                        seen.Release();
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        }, _ct);

        await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "settings" }, Data = new Dictionary<string, string> { ["a"] = "1" } }, ns, cancellationToken: _ct);
        Assert.True(await seen.WaitAsync(TimeSpan.FromSeconds(10), _ct), "the watch delivers the creation");
        Assert.Equal((WatchEventType.Added, "settings"), events[0]);
        await stop.CancelAsync();
        await watching;

        var stale = new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "settings", ResourceVersion = "1" }, Data = new Dictionary<string, string> { ["a"] = "2" } };
        var conflict = await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() => client.CoreV1.ReplaceNamespacedConfigMapAsync(stale, "settings", ns, cancellationToken: _ct));
        Assert.Equal(HttpStatusCode.Conflict, conflict.Response.StatusCode);
    }

    [Fact]
    public async Task Http2_is_served_alongside_http11()
    {
        using var client = new LocalKubeClient(fixture.Server, TestUsers.TokenOf(TestUsers.Admin));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/version") { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        using var response = await client.Http.SendAsync(request, _ct);
        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Objects_and_issued_tokens_survive_a_restart_with_a_data_directory()
    {
        var directory = Directory.CreateTempSubdirectory("hoop-test-localkube-state-").FullName;
        try
        {
            string token;
            await using (var first = await Hoop.LocalKube.Hosting.LocalKube.StartAsync(new LocalKubeOptions { TokensCsv = TestUsers.TokensCsv, DataDirectory = directory }, _ct))
            {
                using var client = new LocalKubeClient(first, TestUsers.TokenOf(TestUsers.Admin));
                await client.ExpectAsync(201, HttpMethod.Post, "/api/v1/namespaces/default/configmaps", LocalKubeClient.ConfigMap("kept"));
                await client.ExpectAsync(201, HttpMethod.Post, "/api/v1/namespaces/default/serviceaccounts", new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ServiceAccount", ["metadata"] = new JsonObject { ["name"] = "robot" } });
                var issued = await client.ExpectAsync(201, HttpMethod.Post, "/api/v1/namespaces/default/serviceaccounts/robot/token", new JsonObject { ["spec"] = new JsonObject() });
                token = issued["status"]!["token"]!.GetValue<string>();
            }

            await using var second = await Hoop.LocalKube.Hosting.LocalKube.StartAsync(new LocalKubeOptions { TokensCsv = TestUsers.TokensCsv, DataDirectory = directory }, _ct);
            using var again = new LocalKubeClient(second, token);
            var kept = await again.ExpectAsync(200, HttpMethod.Get, "/api/v1/namespaces/default/configmaps/kept");
            Assert.Equal("v", kept["data"]!["k"]!.GetValue<string>());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task The_process_prints_ready_writes_a_kubeconfig_kubectl_uses_and_stops_on_sigterm()
    {
        var directory = Directory.CreateTempSubdirectory("hoop-test-localkube-process-").FullName;
        try
        {
            var tokens = Path.Combine(directory, "tokens.csv");
            var kubeconfig = Path.Combine(directory, "kubeconfig");
            await File.WriteAllTextAsync(tokens, TestUsers.TokensCsv, _ct);
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "hoop-localkube.dll"), "--listen", "127.0.0.1:0", "--tokens", tokens, "--kubeconfig-out", kubeconfig, "--kubeconfig-user", TestUsers.Bob })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(60));
                Assert.Equal("ready", await process.StandardOutput.ReadLineAsync(timeout.Token));

                using var kubectl = new Kubectl(kubeconfig);
                var namespaces = (await kubectl.RunAsync("get", "namespaces", "-o", "name")).Succeeded().Output;
                Assert.Contains("namespace/kube-system", namespaces, StringComparison.Ordinal);
                Assert.Contains("bob", (await kubectl.RunAsync("config", "current-context")).Succeeded().Output, StringComparison.Ordinal);

                await Hoop.Testing.Processes.OneShotCommand.RunAsync("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], cancellationToken: _ct);
                await process.WaitForExitAsync(timeout.Token);
                Assert.Equal(0, process.ExitCode);
            }
            finally
            {
                if (!process.HasExited)
                {
                    process.Kill();
                }
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}

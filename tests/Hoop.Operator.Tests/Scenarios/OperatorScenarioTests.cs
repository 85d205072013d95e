using System.Net;
using System.Text.Json.Nodes;
using Hoop.Api;
using Hoop.Api.V1Alpha1;
using Hoop.Kube.Informers;
using Hoop.Operator.Hosting;
using Hoop.Testing.Kubernetes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hoop.Operator.Tests.Scenarios;

/// <summary>
/// The whole operator process (webhooks, informers, the three controllers) against LocalKube, driven by the real kubectl
/// as each test user, the way the README's walkthrough drives it.
/// </summary>
public sealed class OperatorScenarioTests : IAsyncLifetime
{
    private const string Ns = ScenarioCluster.Namespace;
    private readonly LocalKubeFixture _localKube = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<string, Kubectl> _kubectl = [];
    private readonly List<string> _specWrites = [];
    private readonly List<Task> _watches = [];
    private Kubernetes? _watcher;
    private Task? _operator;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Kubectl As(string user)
    {
        if (!_kubectl.TryGetValue(user, out var kubectl))
        {
            kubectl = new Kubectl(_localKube.KubeconfigFor(user));
            _kubectl[user] = kubectl;
        }

        return kubectl;
    }

    public async ValueTask InitializeAsync()
    {
        await _localKube.InitializeAsync();
        var admin = As(TestUsers.Admin);
        await ScenarioCluster.PrepareAsync(admin,
            ["v1_secret_orders-db-credentials.yaml", "v1_secret_orders-db-ca.yaml", "hoop.dev_v1alpha1_approvalpolicy_production.yaml", "hoop.dev_v1alpha1_connection_orders-db.yaml"], Ct);
        (await admin.RunAsync(["apply", "-f", "-"], TestRbac.Yaml, Ct)).Succeeded();

        // Every change to a hoop object is watched from here on: none may touch its spec.
        _watcher = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(_localKube.KubeconfigFor(TestUsers.Admin)));
        await WatchSpecAsync<Connection>(ResourceKind.Connection, c => c.Spec);
        await WatchSpecAsync<ApprovalPolicy>(ResourceKind.ApprovalPolicy, p => p.Spec);
        await WatchSpecAsync<AccessRequest>(ResourceKind.AccessRequest, r => r.Spec);
        var host = new OperatorHost(
            new OperatorOptions
            {
                Kubeconfig = new FileInfo(_localKube.KubeconfigFor(TestUsers.Admin)),
                WebhookListen = new IPEndPoint(IPAddress.Loopback, 0),
                WebhookUrlBase = new Uri("https://127.0.0.1:0"),
                HealthListen = new IPEndPoint(IPAddress.Loopback, 0),
            },
            NullLoggerFactory.Instance,
            TimeProvider.System);
        _operator = Task.Run(() => host.RunAsync(_stop.Token), Ct);
        await EventuallyAsync(async () => host.HealthUrl is { } url && (await new HttpClient().GetAsync(new Uri(url, "/readyz"), Ct)).IsSuccessStatusCode, "the operator is ready");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_operator is not null)
        {
            await _operator;
        }

        foreach (var kubectl in _kubectl.Values)
        {
            kubectl.Dispose();
        }

        await Task.WhenAll(_watches);
        _watcher?.Dispose();
        await _localKube.DisposeAsync();
        _stop.Dispose();
    }

    private async Task WatchSpecAsync<T>(ResourceKind kind, Func<T, object> specOf)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var informer = new ResourceInformer<T>(_watcher!, ResourceDescriptor.For(kind), TimeProvider.System, NullLogger.Instance);
        informer.AddEventHandler(new ResourceEventHandler<T>(Updated: (before, after) =>
        {
            if (KubernetesJson.Serialize(specOf(before)) != KubernetesJson.Serialize(specOf(after)))
            {
                lock (_specWrites)
                {
                    _specWrites.Add($"{kind.Kind} {after.Metadata.Name}");
                }
            }
        }));
        _watches.Add(informer.RunAsync(_stop.Token));
        await informer.WaitForSyncAsync(Ct);
    }

    [Fact]
    public async Task Ddl_waits_for_two_dba_leads_and_the_gateway_objects_follow_their_connection()
    {
        var admin = As(TestUsers.Admin);

        // The Connection's gateway objects appear, owned by it.
        foreach (var kind in new[] { "statefulset", "service", "serviceaccount", "role", "rolebinding", "configmap" })
        {
            await EventuallyAsync(async () => (await admin.RunAsync(["get", kind, "orders-db-gateway", "-n", Ns], null, Ct)).ExitCode == 0, $"{kind} orders-db-gateway exists");
            var owner = await JsonAsync(admin, kind, "orders-db-gateway");
            Assert.Equal("orders-db", owner["metadata"]!["ownerReferences"]![0]!["name"]!.GetValue<string>());
        }

        await EventuallyAsync(async () => Condition(await JsonAsync(admin, "connection", "orders-db"), "Ready")?["reason"]?.GetValue<string>() == "GatewayUnavailable",
            "the Connection says no gateway is alive");

        // alice asks for a schema change, claiming to be someone else; the webhook records who she really is.
        const string request = """
            {"apiVersion":"hoop.dev/v1alpha1","kind":"AccessRequest","metadata":{"name":"add-column","namespace":"payments"},
             "spec":{"connectionRef":{"name":"orders-db"},"requester":{"username":"mallory"},"reason":"shipping dates","execution":"Gateway",
                     "operation":{"sql":{"statement":"ALTER TABLE orders ADD COLUMN shipped_at timestamptz"}}}}
            """;
        (await As(TestUsers.Alice).RunAsync(["create", "-f", "-"], request, Ct)).Succeeded();
        await EventuallyAsync(async () => (await JsonAsync(admin, "accessrequest", "add-column"))["status"]?["phase"]?.GetValue<string>() == "Pending", "the request is Pending");
        var pending = await JsonAsync(admin, "accessrequest", "add-column");
        Assert.Equal("alice", pending["spec"]!["requester"]!["username"]!.GetValue<string>());
        Assert.Equal(2, pending["status"]!["requiredApprovals"]!.GetValue<int>());
        Assert.Equal("schema-changes", pending["status"]!["rule"]!.GetValue<string>());

        var ownApproval = await ApproveAsync(TestUsers.Alice);
        Assert.NotEqual(0, ownApproval.ExitCode);
        Assert.Contains("own request", ownApproval.Error, StringComparison.Ordinal);
        var dave = await ApproveAsync(TestUsers.Dave);
        Assert.NotEqual(0, dave.ExitCode);
        Assert.Contains("approve", dave.Error, StringComparison.Ordinal);

        (await ApproveAsync(TestUsers.Bob)).Succeeded();
        await EventuallyAsync(async () => (await JsonAsync(admin, "accessrequest", "add-column"))["status"]?["approvals"]?.GetValue<string>() == "1/2", "one of two approvals counted");
        Assert.Equal("Pending", (await JsonAsync(admin, "accessrequest", "add-column"))["status"]!["phase"]!.GetValue<string>());
        Assert.NotEqual(0, (await ApproveAsync(TestUsers.Bob)).ExitCode);

        (await ApproveAsync(TestUsers.Carol)).Succeeded();
        await EventuallyAsync(async () => (await JsonAsync(admin, "accessrequest", "add-column"))["status"]?["phase"]?.GetValue<string>() == "Approved", "the request is Approved");
        var approved = await JsonAsync(admin, "accessrequest", "add-column");
        Assert.Equal(["bob", "carol"], approved["status"]!["reviews"]!.AsArray().Select(r => r!["reviewer"]!.GetValue<string>()));

        // One reviewer's deny decides another request at once.
        (await As(TestUsers.Alice).RunAsync(["create", "-f", "-"], request.Replace("add-column", "drop-column", StringComparison.Ordinal), Ct)).Succeeded();
        await EventuallyAsync(async () => (await JsonAsync(admin, "accessrequest", "drop-column"))["status"]?["phase"]?.GetValue<string>() == "Pending", "the second request is Pending");
        (await As(TestUsers.Bob).RunAsync(
            ["patch", "accessrequest", "drop-column", "-n", Ns, "--subresource=status", "--type=json",
                "-p", """[{"op":"add","path":"/status/reviews/-","value":{"decision":"Deny","comment":"not during the freeze"}}]"""], null, Ct)).Succeeded();
        await EventuallyAsync(async () => (await JsonAsync(admin, "accessrequest", "drop-column"))["status"]?["phase"]?.GetValue<string>() == "Denied", "the denied request is Denied");

        // The operator wrote status only: no watched change touched a spec, and a spec write would also have raised
        // metadata.generation (and Argo CD would show drift).
        lock (_specWrites)
        {
            Assert.Empty(_specWrites);
        }

        foreach (var (kind, name) in new[] { ("connection", "orders-db"), ("approvalpolicy", "production"), ("accessrequest", "add-column"), ("accessrequest", "drop-column") })
        {
            Assert.Equal(1, (await JsonAsync(admin, kind, name))["metadata"]!["generation"]!.GetValue<long>());
        }

        // Deleting the Connection takes its gateway objects with it.
        (await admin.RunAsync(["delete", "connection", "orders-db", "-n", Ns], null, Ct)).Succeeded();
        await EventuallyAsync(async () => (await admin.RunAsync(["get", "statefulset", "orders-db-gateway", "-n", Ns], null, Ct)).ExitCode != 0, "the StatefulSet is garbage-collected");
    }

    private Task<KubectlResult> ApproveAsync(string user) => As(user).RunAsync(
        ["patch", "accessrequest", "add-column", "-n", Ns, "--subresource=status", "--type=json",
            "-p", """[{"op":"add","path":"/status/reviews/-","value":{"decision":"Approve","reviewer":"someone-else"}}]"""], null, Ct);

    private static async Task<JsonNode> JsonAsync(Kubectl kubectl, string kind, string name) =>
        JsonNode.Parse((await kubectl.RunAsync(["get", kind, name, "-n", Ns, "-o", "json"], null, Ct)).Succeeded().Output)!;

    private static JsonNode? Condition(JsonNode obj, string type) =>
        obj["status"]?["conditions"]?.AsArray().FirstOrDefault(c => c!["type"]!.GetValue<string>() == type);

    private static Task EventuallyAsync(Func<Task<bool>> check, string what) => ScenarioCluster.EventuallyAsync(check, TimeSpan.FromSeconds(30), what, Ct);
}

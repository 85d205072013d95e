using System.Net;
using Hoop.Operator.Webhooks;
using Hoop.Testing;
using Hoop.Testing.Kubernetes;
using k8s;

namespace Hoop.Operator.Tests.Webhooks;

/// <summary>
/// LocalKube (standing in for a cluster) with the hoop CRDs, namespace payments, the production policy, the Connection
/// orders-db, the RBAC of a real installation, and the admission webhooks running in-process and registered by URL.
/// The operator's identity is admin's, as it is when the operator runs locally with an admin kubeconfig.
/// </summary>
public sealed class AdmissionCluster : IAsyncLifetime
{
    private readonly LocalKubeFixture _localKube = new();
    private readonly Dictionary<string, Kubectl> _kubectl = [];
    private Kubernetes? _client;
    private AdmissionWebhooks? _webhooks;

    internal AdmissionWebhooks Webhooks => _webhooks ?? throw new InvalidOperationException("not initialized");

    /// <summary>The real kubectl acting as <paramref name="user"/>.</summary>
    public Kubectl As(string user)
    {
        lock (_kubectl)
        {
            if (!_kubectl.TryGetValue(user, out var kubectl))
            {
                kubectl = new Kubectl(_localKube.KubeconfigFor(user));
                _kubectl[user] = kubectl;
            }

            return kubectl;
        }
    }

    /// <summary>A token of the ServiceAccount of <paramref name="connection"/>'s gateway in payments, for kubectl's --token.</summary>
    public async Task<string> GatewayTokenAsync(string connection)
    {
        var result = await As(TestUsers.Admin).RunAsync(["create", "token", connection + "-gateway", "-n", "payments"], null, TestContext.Current.CancellationToken);
        return result.Succeeded().Output.Trim();
    }

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        await _localKube.InitializeAsync();
        var admin = As(TestUsers.Admin);
        (await admin.RunAsync(["apply", "-f", RepositoryFiles.PathOf("crds")], null, ct)).Succeeded();
        (await admin.RunAsync(["apply", "-f", "-"], "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"payments\"}}", ct)).Succeeded();
        (await admin.RunAsync(["apply", "-f", "-"], "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"hoop-system\"}}", ct)).Succeeded();
        var production = await File.ReadAllTextAsync(RepositoryFiles.PathOf("samples/hoop.dev_v1alpha1_approvalpolicy_production.yaml"), ct);
        (await admin.RunAsync(["apply", "-f", "-"], production, ct)).Succeeded();
        // The same rules under a policy whose break-glass group the reviewers are in.
        var emergency = production.Replace("name: production", "name: emergency", StringComparison.Ordinal)
            .Replace("groups: [sre-oncall]", "groups: [dba-leads]", StringComparison.Ordinal);
        Assert.Contains("groups: [dba-leads]", emergency, StringComparison.Ordinal);
        (await admin.RunAsync(["apply", "-f", "-"], emergency, ct)).Succeeded();
        (await admin.RunAsync(["apply", "-f", RepositoryFiles.PathOf("samples/hoop.dev_v1alpha1_connection_orders-db.yaml")], null, ct)).Succeeded();
        (await admin.RunAsync(["apply", "-f", "-"], TestRbac.Yaml, ct)).Succeeded();

        _client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(_localKube.KubeconfigFor(TestUsers.Admin)));
        _webhooks = await AdmissionWebhooks.StartAsync(
            _client,
            new AdmissionWebhookOptions
            {
                Namespace = "hoop-system",
                Listen = new IPEndPoint(IPAddress.Loopback, 0),
                UrlBase = new Uri("https://127.0.0.1:0"),
            },
            TimeProvider.System,
            null,
            ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_webhooks is not null)
        {
            await _webhooks.DisposeAsync();
        }

        _client?.Dispose();
        foreach (var kubectl in _kubectl.Values)
        {
            kubectl.Dispose();
        }

        await _localKube.DisposeAsync();
    }
}

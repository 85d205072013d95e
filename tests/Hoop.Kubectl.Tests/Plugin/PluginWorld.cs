using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Hoop.Testing;
using Hoop.Testing.Kubernetes;
using Hoop.Testing.Processes;
using k8s;
using k8s.Models;

namespace Hoop.Kubectl.Tests.Plugin;

/// <summary>
/// LocalKube with the test users and an installation's RBAC, the production policy and the Connection orders-db, and the
/// built hoop-operator running against it (so its webhooks stamp and refuse reviews and its controller decides phases).
/// The built kubectl-hoop is reached only through the real kubectl, which finds it on PATH as a plugin.
/// No gateway runs: <see cref="GatewayStandIn"/> plays its part where a request must run.
/// </summary>
public sealed partial class PluginWorld : IAsyncLifetime
{
    public const string Namespace = "payments";
    public const string ConnectionName = "orders-db";

    private readonly LocalKubeFixture _localKube = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("hoop-test-kubectl-hoop-").FullName;
    private ServerProcess? _operator;

    /// <summary>Holds the kubectl-hoop launcher and kubectl_complete-hoop, first on PATH.</summary>
    public string PluginDirectory => Path.Combine(_directory, "bin");

    public string Home => Path.Combine(_directory, "home");

    public Kubernetes Admin { get; private set; } = null!;

    public string KubeconfigFor(string user) => _localKube.KubeconfigFor(user);

    public string Scratch(string name)
    {
        var path = Path.Combine(_directory, name);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Runs <c>kubectl hoop ARGS</c> as <paramref name="user"/> (KUBECONFIG), with <paramref name="pathFirst"/> ahead of the plugin on PATH.</summary>
    public async Task<CommandResult> HoopAsync(string user, string[] arguments, string? pathFirst = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var env = Environment(user, pathFirst);
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            env[key] = value;
        }

        return await OneShotCommand.ExecuteAsync(Hoop.Testing.Kubernetes.Kubectl.Binary!, ["hoop", .. arguments], null, env, TestContext.Current.CancellationToken);
    }

    public Dictionary<string, string?> Environment(string user, string? pathFirst) => new()
    {
        ["HOME"] = Home,
        ["KUBECONFIG"] = KubeconfigFor(user),
        ["KUBERNETES_SERVICE_HOST"] = null,
        ["PATH"] = string.Join(Path.PathSeparator, new[] { pathFirst, PluginDirectory, System.Environment.GetEnvironmentVariable("PATH") }.Where(p => p is not null)),
    };

    /// <summary>Creates a request as <paramref name="user"/> through the plugin and returns its generated name.</summary>
    public async Task<string> RequestAsync(string user, string sql, string reason = "a test needs it", params string[] extra)
    {
        var result = await HoopAsync(user, ["request", "-n", Namespace, "--connection", ConnectionName, "--sql", sql, "--reason", reason, .. extra]);
        Assert.True(result.ExitCode == 0, $"request failed ({result.ExitCode}): {result.Error}");
        var name = CreatedName().Match(result.Output);
        Assert.True(name.Success, $"no request name in: {result.Output}");
        await EventuallyAsync(async () => await PhaseAsync(name.Groups[1].Value) is not null, "the operator evaluated " + name.Groups[1].Value);
        return name.Groups[1].Value;
    }

    public async Task<string?> PhaseAsync(string name)
    {
        var request = await Admin.CustomObjects.GetNamespacedCustomObjectAsync<JsonObject>("hoop.dev", "v1alpha1", Namespace, "accessrequests", name, TestContext.Current.CancellationToken);
        return (string?)request["status"]?["phase"];
    }

    public static async Task EventuallyAsync(Func<Task<bool>> check, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await check())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting until {what}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask InitializeAsync()
    {
        Assert.SkipWhen(Hoop.Testing.Kubernetes.Kubectl.Binary is null, "kubectl is not installed");
        var ct = TestContext.Current.CancellationToken;
        Directory.CreateDirectory(PluginDirectory);
        Directory.CreateDirectory(Home);
        await InstallPluginAsync(ct);
        await _localKube.InitializeAsync();
        using var admin = new Hoop.Testing.Kubernetes.Kubectl(KubeconfigFor(TestUsers.Admin));
        (await admin.RunAsync(["apply", "-f", RepositoryFiles.PathOf("crds")], null, ct)).Succeeded();
        (await admin.RunAsync(["create", "namespace", Namespace], null, ct)).Succeeded();
        (await admin.RunAsync(["apply", "-f", "-"], TestRbac.Yaml, ct)).Succeeded();
        (await admin.RunAsync(["apply", "-f", RepositoryFiles.PathOf("samples/hoop.dev_v1alpha1_approvalpolicy_production.yaml")], null, ct)).Succeeded();
        (await admin.RunAsync(["apply", "-f", "-"], Manifests, ct)).Succeeded();
        Admin = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(KubeconfigFor(TestUsers.Admin)));
        await StartOperatorAsync(ct);
    }

    private async Task InstallPluginAsync(CancellationToken ct)
    {
        // kubectl runs any executable named kubectl-hoop on PATH; this one starts the build output.
        var launcher = Path.Combine(PluginDirectory, "kubectl-hoop");
        await File.WriteAllTextAsync(launcher, $"#!/bin/sh\nexec {ShellScript.Quote(Path.Combine(AppContext.BaseDirectory, "kubectl-hoop"))} \"$@\"\n", ct);
        File.SetUnixFileMode(launcher, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private async Task StartOperatorAsync(CancellationToken ct)
    {
        var webhookPort = FreePort.Next();
        var healthPort = FreePort.Next();
        var scratch = ServerProcess.CreateScratchDirectory("kubectl-hoop-operator");
        var script = ShellScript.Command(Path.Combine(AppContext.BaseDirectory, "hoop-operator"),
            "--kubeconfig", KubeconfigFor(TestUsers.Admin),
            "--webhook-listen", $"127.0.0.1:{webhookPort}",
            "--webhook-url-base", $"https://127.0.0.1:{webhookPort}",
            "--health-listen", $"127.0.0.1:{healthPort}");
        _operator = await ServerProcess.StartAsync(scratch, "exec " + script, "TERM", null, ct);
        using var http = new HttpClient();
        await _operator.WaitUntilReadyAsync(async token =>
        {
            try
            {
                return (await http.GetAsync(new Uri($"http://127.0.0.1:{healthPort}/readyz"), token)).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(60), ct);

        // Ready means the webhooks are registered; a first request shows the controller is deciding too.
        await EventuallyAsync(async () =>
        {
            try
            {
                await Admin.CoreV1.ReadNamespacedSecretAsync(Hoop.Api.GatewayNames.RecordingKey(ConnectionName), Namespace, cancellationToken: ct);
                return true;
            }
            catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
                return false;
            }
        }, "the operator made the recording key");
    }

    /// <summary>A kubeconfig for the gateway's ServiceAccount, from TokenRequest as a pod's projected token would be.</summary>
    public string GatewayKubeconfig()
    {
        var token = Admin.CoreV1.CreateNamespacedServiceAccountToken(
            new Authenticationv1TokenRequest { Spec = new V1TokenRequestSpec { ExpirationSeconds = 3600 } },
            Hoop.Api.GatewayNames.For(ConnectionName), Namespace).Status.Token;
        var server = _localKube.Server.Url.ToString().TrimEnd('/');
        var ca = Convert.ToBase64String(Encoding.UTF8.GetBytes(_localKube.Server.CertificateAuthorityPem));
        var path = Path.Combine(_directory, "kubeconfig-gateway");
        File.WriteAllText(path, $$"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: local
              cluster:
                server: "{{server}}"
                certificate-authority-data: {{ca}}
            users:
            - name: gateway
              user: {token: "{{token}}"}
            contexts:
            - name: gateway
              context: {cluster: local, user: gateway, namespace: {{Namespace}}}
            current-context: gateway
            """);
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        if (_operator is not null)
        {
            await _operator.DisposeAsync();
        }

        Admin?.Dispose();
        await _localKube.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private static string Manifests => $$"""
        apiVersion: v1
        kind: Secret
        metadata: {name: orders-db-credentials, namespace: {{Namespace}}}
        stringData: {username: app, password: not-used-here}
        ---
        apiVersion: hoop.dev/v1alpha1
        kind: Connection
        metadata:
          name: {{ConnectionName}}
          namespace: {{Namespace}}
          labels: {hoop.dev/environment: production}
        spec:
          type: postgres
          target:
            host: 127.0.0.1
            port: 5432
            database: orders
            tls: {mode: Disable}
          credentialsSecretRef: {name: orders-db-credentials}
          authentication:
            kubernetes: {}
        """;

    [GeneratedRegex(@"accessrequest/(\S+) created")]
    private static partial Regex CreatedName();
}

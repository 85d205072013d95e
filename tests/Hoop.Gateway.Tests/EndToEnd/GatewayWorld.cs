using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Hoop.Gateway.Hosting;
using Hoop.Operator.Hosting;
using Hoop.Testing;
using Hoop.Testing.Kubernetes;
using Hoop.Testing.Postgres;
using k8s;
using k8s.Models;
using Npgsql;

namespace Hoop.Gateway.Tests.EndToEnd;

/// <summary>
/// The whole story on one machine: LocalKube with the test users and the RBAC of an installation, the operator
/// (webhooks and controllers) in-process, a real PostgreSQL with a demo table, the Connection orders-db pointing at it
/// with the production policy, and a gateway in-process that authenticates as its own ServiceAccount.
/// </summary>
public sealed class GatewayWorld : IAsyncLifetime
{
    public const string Namespace = "payments";
    public const string ConnectionName = "orders-db";

    private readonly LocalKubeFixture _localKube = new();
    private readonly PostgresFixture _postgres = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<string, Kubectl> _kubectl = [];
    private readonly string _directory = Directory.CreateTempSubdirectory("hoop-test-gateway-").FullName;
    private Task? _operator;

    internal TestLog Log { get; } = new();
    private Task? _gateway;

    public IPEndPoint Gateway { get; private set; } = new(IPAddress.Loopback, 0);

    public string Recordings => Path.Combine(_directory, "recordings");

    public string? MissingReason => _postgres.MissingReason;

    public PostgresServer Postgres => _postgres.Server;

    public string Database { get; private set; } = "";

    public Kubernetes Admin { get; private set; } = null!;

    public Kubectl As(string user)
    {
        if (!_kubectl.TryGetValue(user, out var kubectl))
        {
            kubectl = new Kubectl(_localKube.KubeconfigFor(user));
            _kubectl[user] = kubectl;
        }

        return kubectl;
    }

    /// <summary>An Npgsql connection string that logs in through the gateway as <paramref name="user"/> (their token as password).</summary>
    public string ConnectionStringFor(string user, string? extra = null) =>
        $"Host=127.0.0.1;Port={Gateway.Port};Username={user};Password={TestUsers.TokenOf(user)};Database={Database};SSL Mode=Disable;Pooling=false;Timeout=30;Command Timeout=120{(extra is null ? "" : ";" + extra)}";

    /// <summary>An open Npgsql connection through the gateway as <paramref name="user"/>; the test is skipped when PostgreSQL is missing (outside CI).</summary>
    public async Task<NpgsqlConnection> OpenAsAsync(string user, string? extra = null)
    {
        Assert.SkipWhen(MissingReason is not null, MissingReason ?? "");
        var connection = new NpgsqlConnection(ConnectionStringFor(user, extra));
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return connection;
    }

    /// <summary>An AccessRequest's status as kubectl shows it to admin; null when it cannot be read.</summary>
    public async Task<JsonNode?> RequestStatusAsync(string name)
    {
        var result = await As(TestUsers.Admin).RunAsync(["get", "accessrequest", name, "-n", Namespace, "-o", "json"], null, TestContext.Current.CancellationToken);
        return result.ExitCode == 0 ? JsonNode.Parse(result.Output)?["status"] : null;
    }

    public async Task<string?> RequestPhaseAsync(string name) => (await RequestStatusAsync(name))?["phase"]?.GetValue<string>();

    /// <summary>An order's total, read straight from PostgreSQL (not through the gateway).</summary>
    public async Task<decimal> OrderTotalAsync(int id)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var direct = new NpgsqlConnection(Postgres.ConnectionStringFor(Database));
        await direct.OpenAsync(ct);
        await using var command = new NpgsqlCommand($"SELECT total FROM orders WHERE id = {id}", direct);
        return (decimal)(await command.ExecuteScalarAsync(ct))!;
    }

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        await _postgres.InitializeAsync();
        if (_postgres.MissingReason is not null)
        {
            return;
        }

        await _localKube.InitializeAsync();
        Database = await Postgres.CreateDatabaseAsync("orders", ct);
        await SeedAsync(ct);

        var admin = As(TestUsers.Admin);
        (await admin.RunAsync(["apply", "-f", RepositoryFiles.PathOf("crds")], null, ct)).Succeeded();
        (await admin.RunAsync(["create", "namespace", Namespace], null, ct)).Succeeded();
        (await admin.RunAsync(["create", "namespace", "hoop-system"], null, ct)).Succeeded();
        (await admin.RunAsync(["apply", "-f", "-"], TestRbac.Yaml, ct)).Succeeded();
        (await admin.RunAsync(["apply", "-f", RepositoryFiles.PathOf("samples/hoop.dev_v1alpha1_approvalpolicy_production.yaml")], null, ct)).Succeeded();
        (await admin.RunAsync(["apply", "-f", "-"], Manifests(), ct)).Succeeded();

        Admin = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(_localKube.KubeconfigFor(TestUsers.Admin)));
        var host = new OperatorHost(
            new OperatorOptions
            {
                Kubeconfig = new FileInfo(_localKube.KubeconfigFor(TestUsers.Admin)),
                WebhookListen = new IPEndPoint(IPAddress.Loopback, 0),
                WebhookUrlBase = new Uri("https://127.0.0.1:0"),
                HealthListen = new IPEndPoint(IPAddress.Loopback, 0),
            },
            Log.Factory,
            TimeProvider.System);
        _operator = Task.Run(() => host.RunAsync(_stop.Token), ct);
        await EventuallyAsync(async () => host.HealthUrl is { } url && (await new HttpClient().GetAsync(new Uri(url, "/readyz"), ct)).IsSuccessStatusCode, "the operator is ready", ct);
        await EventuallyAsync(async () => await ExistsAsync(() => Admin.CoreV1.ReadNamespacedSecretAsync(Api.GatewayNames.RecordingKey(ConnectionName), Namespace, cancellationToken: ct)),
            "the operator made the recording key", ct);

        _gateway = StartGateway("gw-0", out var gateway);
        Gateway = await gateway.Listening.WaitAsync(TimeSpan.FromSeconds(30), ct);
        var why = "";
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (gateway.AdminUrl is { } url)
            {
                using var response = await new HttpClient().GetAsync(new Uri(url, "/readyz"), ct);
                why = await response.Content.ReadAsStringAsync(ct);
                if (response.IsSuccessStatusCode)
                {
                    break;
                }
            }

            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting until the gateway is ready; /readyz said: {why}");
            await Task.Delay(100, ct);
        }
    }

    /// <summary>Starts a gateway replica in-process, logged in as the Connection's gateway ServiceAccount.</summary>
    internal Task StartGateway(string replica, out GatewayHost host)
    {
        var kubeconfig = Path.Combine(_directory, $"kubeconfig-{replica}");
        File.WriteAllText(kubeconfig, GatewayKubeconfig());
        host = new GatewayHost(
            new GatewayOptions
            {
                Kubeconfig = new FileInfo(kubeconfig),
                Namespace = Namespace,
                Connection = ConnectionName,
                Listen = new IPEndPoint(IPAddress.Loopback, 0),
                Recordings = new DirectoryInfo(Recordings),
                AdminListen = new IPEndPoint(IPAddress.Loopback, 0),
                Replica = replica,
                DrainTimeout = TimeSpan.FromSeconds(2),
            },
            Log.Factory,
            TimeProvider.System);
        var started = host;
        return Task.Run(() => started.RunAsync(_stop.Token));
    }

    public async ValueTask DisposeAsync()
    {
        // HOOP_TEST_LOG=FILE keeps the gateway's and the operator's log of the class's tests, for a failing test's story.
        if (Environment.GetEnvironmentVariable("HOOP_TEST_LOG") is { Length: > 0 } logFile)
        {
            await File.AppendAllLinesAsync(logFile, Log.Lines);
        }

        await _stop.CancelAsync();
        foreach (var task in new[] { _gateway, _operator })
        {
            if (task is not null)
            {
                await task;
            }
        }

        foreach (var kubectl in _kubectl.Values)
        {
            kubectl.Dispose();
        }

        Admin?.Dispose();
        if (_postgres.MissingReason is null)
        {
            await _localKube.DisposeAsync();
        }

        await _postgres.DisposeAsync();
        _stop.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    public static async Task EventuallyAsync(Func<Task<bool>> check, string what, CancellationToken cancellationToken, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        while (!await check())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting until {what}");
            await Task.Delay(100, cancellationToken);
        }
    }

    private static async Task<bool> ExistsAsync(Func<Task> read)
    {
        try
        {
            await read();
            return true;
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    private async Task SeedAsync(CancellationToken ct)
    {
        await using var connection = new Npgsql.NpgsqlConnection(Postgres.ConnectionStringFor(Database));
        await connection.OpenAsync(ct);
        await using var command = new Npgsql.NpgsqlCommand("""
            CREATE TABLE users (id int PRIMARY KEY, name text NOT NULL, email text NOT NULL, ssn text);
            INSERT INTO users VALUES (1, 'Alice', 'alice@example.com', '123-45-6789'), (2, 'Bob', 'bob@example.com', NULL);
            CREATE TABLE orders (id int PRIMARY KEY, user_id int NOT NULL, total numeric NOT NULL);
            INSERT INTO orders VALUES (10, 1, 42.50), (11, 2, 7.25);
            """, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    private string Manifests() => $$"""
        apiVersion: v1
        kind: Secret
        metadata:
          name: orders-db-credentials
          namespace: {{Namespace}}
        stringData:
          username: {{Postgres.Username}}
          password: "{{Postgres.Password}}"
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
            port: {{Postgres.Port}}
            database: {{Database}}
            tls: {mode: Disable}
          credentialsSecretRef: {name: orders-db-credentials}
          authentication:
            kubernetes: {}
          masking:
            columns:
            - {pattern: email, strategy: partial}
            - {pattern: "*.ssn", strategy: redact}
            detectors:
            - {type: creditCard, strategy: partial}
        """;

    /// <summary>A kubeconfig for the gateway's ServiceAccount: a token from TokenRequest, as a projected token would be in a pod.</summary>
    internal string GatewayKubeconfig()
    {
        var token = Admin.CoreV1.CreateNamespacedServiceAccountToken(
            new Authenticationv1TokenRequest { Spec = new V1TokenRequestSpec { ExpirationSeconds = 3600 } },
            Api.GatewayNames.For(ConnectionName), Namespace).Status.Token;
        var ca = Convert.ToBase64String(Encoding.UTF8.GetBytes(_localKube.Server.CertificateAuthorityPem));
        return $$"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: local
              cluster:
                server: "{{_localKube.Server.Url.ToString().TrimEnd('/')}}"
                certificate-authority-data: {{ca}}
            users:
            - name: gateway
              user: {token: "{{token}}"}
            contexts:
            - name: gateway
              context:
                cluster: local
                user: gateway
                namespace: {{Namespace}}
            current-context: gateway
            """;
    }
}

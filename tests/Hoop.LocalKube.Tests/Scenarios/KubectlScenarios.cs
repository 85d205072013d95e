using System.Diagnostics;
using System.Text;
using Hoop.Testing;
using Hoop.Testing.Kubernetes;

namespace Hoop.LocalKube.Tests.Scenarios;

/// <summary>
/// What kubectl users do, run with the real kubectl against a cluster: LocalKube here, a real cluster or K3s where
/// one can be had (see the derived classes). Each scenario works in a namespace of its own.
/// </summary>
public abstract class KubectlScenarios(ClusterUnderTest cluster)
{
    private static readonly string Root = RepositoryFiles.Root;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Apply_a_crd_then_a_custom_resource_validated_against_its_schema()
    {
        using var kubectl = cluster.Kubectl();
        var ns = await NamespaceAsync(kubectl);
        await ApplyConnectionCrdAsync(kubectl);

        var created = (await kubectl.RunAsync(["apply", "-n", ns, "-f", "-"], Connection("orders-db", 5432), _ct)).Succeeded();
        Assert.Contains("connection.hoop.dev/orders-db created", created.Output, StringComparison.Ordinal);

        var refused = await kubectl.RunAsync(["apply", "-n", ns, "-f", "-"], Connection("broken-db", 70000), _ct);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("spec.target.port", refused.Error, StringComparison.Ordinal);

        var unknownField = await kubectl.RunAsync(["apply", "-n", ns, "-f", "-"], Connection("typo-db", 5432).Replace("  type: postgres", "  type: postgres\n  tpye: mysql", StringComparison.Ordinal), _ct);
        Assert.NotEqual(0, unknownField.ExitCode);
        Assert.Contains("unknown field \"spec.tpye\"", unknownField.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_prints_yaml_and_a_table_with_the_printer_columns()
    {
        using var kubectl = cluster.Kubectl();
        var ns = await NamespaceAsync(kubectl);
        await ApplyConnectionCrdAsync(kubectl);
        (await kubectl.RunAsync(["apply", "-n", ns, "-f", "-"], Connection("orders-db", 5432), _ct)).Succeeded();

        var yaml = (await kubectl.RunAsync("get", "connection", "orders-db", "-n", ns, "-o", "yaml")).Succeeded().Output;
        Assert.Contains("kind: Connection", yaml, StringComparison.Ordinal);
        Assert.Contains("generation: 1", yaml, StringComparison.Ordinal);
        Assert.Contains("uid: ", yaml, StringComparison.Ordinal);

        var table = (await kubectl.RunAsync("get", "conn", "-n", ns)).Succeeded().Output.Split('\n');
        Assert.Matches(@"^NAME\s+TYPE\s+TARGET\s+READY\s+AGE$", table[0].TrimEnd());
        Assert.Matches(@"^orders-db\s+postgres\s+orders-db\.example\s+\S*\s*\d+s$", table[1].TrimEnd());

        var wide = (await kubectl.RunAsync("get", "hoop", "-n", ns, "-o", "wide")).Succeeded().Output;
        Assert.Contains("ENDPOINT", wide, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_is_patched_through_its_subresource_by_merge_and_json_patch_without_a_new_generation()
    {
        using var kubectl = cluster.Kubectl();
        var ns = await NamespaceAsync(kubectl);
        await ApplyConnectionCrdAsync(kubectl);
        (await kubectl.RunAsync(["apply", "-n", ns, "-f", "-"], Connection("orders-db", 5432), _ct)).Succeeded();

        (await kubectl.RunAsync("patch", "connection", "orders-db", "-n", ns, "--subresource=status", "--type=merge", "-p", """{"status":{"endpoint":"gw.example:5432"}}""")).Succeeded();
        (await kubectl.RunAsync("patch", "connection", "orders-db", "-n", ns, "--subresource=status", "--type=json", "-p", """[{"op":"add","path":"/status/readyReplicas","value":2}]""")).Succeeded();
        var ignored = await kubectl.RunAsync("patch", "connection", "orders-db", "-n", ns, "--type=merge", "-p", """{"status":{"endpoint":"forged:1"}}""");
        ignored.Succeeded();
        var strategic = await kubectl.RunAsync("patch", "connection", "orders-db", "-n", ns, "-p", """{"spec":{"target":{"port":5433}}}""");
        Assert.NotEqual(0, strategic.ExitCode);
        Assert.Contains("application/merge-patch+json", strategic.Error, StringComparison.Ordinal);

        var got = (await kubectl.RunAsync("get", "connection", "orders-db", "-n", ns, "-o", "jsonpath={.status.endpoint} {.status.readyReplicas} {.metadata.generation}")).Succeeded().Output;
        Assert.Equal("gw.example:5432 2 1", got);
    }

    [Fact]
    public async Task Server_side_apply_owns_fields_and_refuses_a_conflicting_manager_unless_forced()
    {
        using var kubectl = cluster.Kubectl();
        var ns = await NamespaceAsync(kubectl);
        await ApplyConnectionCrdAsync(kubectl);

        var created = (await kubectl.RunAsync(["apply", "--server-side", "-n", ns, "-f", "-"], Connection("orders-db", 5432), _ct)).Succeeded();
        Assert.Contains("serverside-applied", created.Output, StringComparison.Ordinal);

        var conflicting = await kubectl.RunAsync(["apply", "--server-side", "--field-manager=intruder", "-n", ns, "-f", "-"], Connection("orders-db", 6543), _ct);
        Assert.NotEqual(0, conflicting.ExitCode);
        Assert.Contains("conflict", conflicting.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(".spec.target.port", conflicting.Error, StringComparison.Ordinal);

        (await kubectl.RunAsync(["apply", "--server-side", "--field-manager=intruder", "--force-conflicts", "-n", ns, "-f", "-"], Connection("orders-db", 6543), _ct)).Succeeded();
        var port = (await kubectl.RunAsync("get", "connection", "orders-db", "-n", ns, "-o", "jsonpath={.spec.target.port}")).Succeeded().Output;
        Assert.Equal("6543", port);
    }

    [Fact]
    public async Task Delete_waits_until_another_client_removes_the_finalizer()
    {
        using var kubectl = cluster.Kubectl();
        var ns = await NamespaceAsync(kubectl);
        await ApplyConnectionCrdAsync(kubectl);
        var held = Connection("orders-db", 5432).Replace("  name: orders-db\n", "  name: orders-db\n  finalizers: [hoop.dev/test-holds-it]\n", StringComparison.Ordinal);
        (await kubectl.RunAsync(["apply", "-n", ns, "-f", "-"], held, _ct)).Succeeded();

        using var deleting = kubectl.Start("delete", "connection", "orders-db", "-n", ns, "--timeout=60s");
        await EventuallyAsync(async () => (await kubectl.RunAsync("get", "connection", "orders-db", "-n", ns, "-o", "jsonpath={.metadata.deletionTimestamp}")).Output.Length > 0);
        Assert.False(deleting.HasExited, "kubectl delete returns only once the object is gone");

        (await kubectl.RunAsync("patch", "connection", "orders-db", "-n", ns, "--type=json", "-p", """[{"op":"remove","path":"/metadata/finalizers"}]""")).Succeeded();
        var output = await FinishAsync(deleting);
        Assert.Contains("connection.hoop.dev \"orders-db\" deleted", output, StringComparison.Ordinal);
        var gone = await kubectl.RunAsync("get", "connection", "orders-db", "-n", ns);
        Assert.Contains("NotFound", gone.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_watch_shows_objects_as_they_come()
    {
        using var kubectl = cluster.Kubectl();
        var ns = await NamespaceAsync(kubectl);
        await ApplyConnectionCrdAsync(kubectl);
        (await kubectl.RunAsync(["apply", "-n", ns, "-f", "-"], Connection("orders-db", 5432), _ct)).Succeeded();

        using var watching = kubectl.Start("get", "connections", "-n", ns, "-w", "--no-headers");
        var seen = new StringBuilder();
        var reader = Task.Run(async () =>
        {
            while (await watching.StandardOutput.ReadLineAsync(_ct) is { } line)
            {
                lock (seen)
                {
                    seen.AppendLine(line);
                }
            }
        }, _ct);
        await EventuallyAsync(() => Task.FromResult(Snapshot(seen).Contains("orders-db", StringComparison.Ordinal)));
        (await kubectl.RunAsync(["apply", "-n", ns, "-f", "-"], Connection("billing-db", 5432), _ct)).Succeeded();
        await EventuallyAsync(() => Task.FromResult(Snapshot(seen).Contains("billing-db", StringComparison.Ordinal)));
        watching.Kill();
        await reader;
    }

    [Fact]
    public async Task Wait_returns_when_the_condition_becomes_true()
    {
        using var kubectl = cluster.Kubectl();
        var ns = await NamespaceAsync(kubectl);
        await ApplyConnectionCrdAsync(kubectl);
        (await kubectl.RunAsync(["apply", "-n", ns, "-f", "-"], Connection("orders-db", 5432), _ct)).Succeeded();

        using var waiting = kubectl.Start("wait", "connection/orders-db", "-n", ns, "--for=condition=Ready", "--timeout=60s");
        await Task.Delay(1000, _ct);
        Assert.False(waiting.HasExited, "the condition is not true yet");
        var ready = """{"status":{"conditions":[{"type":"Ready","status":"True","reason":"Available","message":"serving","lastTransitionTime":"2026-01-01T00:00:00Z"}]}}""";
        (await kubectl.RunAsync("patch", "connection", "orders-db", "-n", ns, "--subresource=status", "--type=merge", "-p", ready)).Succeeded();

        Assert.Contains("condition met", await FinishAsync(waiting), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_account_token_from_create_token_authenticates_and_rbac_answers_can_i()
    {
        using var kubectl = cluster.Kubectl();
        var ns = await NamespaceAsync(kubectl);
        (await kubectl.RunAsync("apply", "-f", Path.Combine(Root, "crds", "hoop.dev_approvalpolicies.yaml"))).Succeeded();
        (await kubectl.RunAsync("wait", "--for=condition=Established", "crd/approvalpolicies.hoop.dev", "--timeout=60s")).Succeeded();
        var rbac = $$"""
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: reviewer, namespace: {{ns}}}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: approve-production, namespace: {{ns}}}
            rules:
            - apiGroups: [hoop.dev]
              resources: [approvalpolicies]
              resourceNames: [production]
              verbs: [approve]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: reviewer-approves-production, namespace: {{ns}}}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: approve-production}
            subjects:
            - {kind: ServiceAccount, name: reviewer, namespace: {{ns}}}
            """;
        (await kubectl.RunAsync(["apply", "-f", "-"], rbac, _ct)).Succeeded();

        var token = (await kubectl.RunAsync("create", "token", "reviewer", "-n", ns)).Succeeded().Output.Trim();
        Assert.Equal(3, token.Split('.').Length);

        var whoami = (await kubectl.RunAsync("--token", token, "auth", "whoami")).Succeeded().Output;
        Assert.Contains($"system:serviceaccount:{ns}:reviewer", whoami, StringComparison.Ordinal);

        var yes = await kubectl.RunAsync("--token", token, "auth", "can-i", "approve", "approvalpolicies.hoop.dev/production", "-n", ns);
        Assert.Equal(("yes", 0), (yes.Output.Trim(), yes.ExitCode));
        var no = await kubectl.RunAsync("--token", token, "auth", "can-i", "approve", "approvalpolicies.hoop.dev/staging", "-n", ns);
        Assert.Equal(("no", 1), (no.Output.Trim(), no.ExitCode));
        var forged = await kubectl.RunAsync("--token", token + "x", "get", "pods", "-n", ns);
        Assert.NotEqual(0, forged.ExitCode);
        Assert.Contains("Unauthorized", forged.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Create_namespace_configmap_and_secret_sent_as_protobuf_are_stored_as_sent()
    {
        using var kubectl = cluster.Kubectl();
        var ns = $"t-{Guid.NewGuid().ToString("N")[..10]}";
        Assert.Contains($"namespace/{ns} created", (await kubectl.RunAsync("create", "namespace", ns)).Succeeded().Output, StringComparison.Ordinal);
        (await kubectl.RunAsync("create", "configmap", "settings", "-n", ns, "--from-literal=mode=strict")).Succeeded();
        (await kubectl.RunAsync("create", "secret", "generic", "creds", "-n", ns, "--from-literal=password=s3cret")).Succeeded();

        Assert.Equal("strict", (await kubectl.RunAsync("get", "configmap", "settings", "-n", ns, "-o", "jsonpath={.data.mode}")).Succeeded().Output);
        Assert.Equal("czNjcmV0", (await kubectl.RunAsync("get", "secret", "creds", "-n", ns, "-o", "jsonpath={.data.password}")).Succeeded().Output);
    }

    private async Task<string> NamespaceAsync(Kubectl kubectl)
    {
        var ns = $"t-{Guid.NewGuid().ToString("N")[..10]}";
        (await kubectl.RunAsync(["apply", "-f", "-"], $"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {ns}\n", _ct)).Succeeded();
        return ns;
    }

    private static async Task ApplyConnectionCrdAsync(Kubectl kubectl)
    {
        (await kubectl.RunAsync("apply", "-f", Path.Combine(Root, "crds", "hoop.dev_connections.yaml"))).Succeeded();
        (await kubectl.RunAsync("wait", "--for=condition=Established", "crd/connections.hoop.dev", "--timeout=60s")).Succeeded();
    }

    private static string Connection(string name, int port) => $"""
        apiVersion: hoop.dev/v1alpha1
        kind: Connection
        metadata:
          name: {name}
        spec:
          type: postgres
          target:
            host: {name}.example
            port: {port}
            database: orders
          credentialsSecretRef:
            name: {name}-credentials
          authentication:
            kubernetes: {"{}"}
        """ + "\n";

    private async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "the condition did not hold within 30 s");
            await Task.Delay(200, _ct);
        }
    }

    private async Task<string> FinishAsync(Process process)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"kubectl exited with {process.ExitCode}: {await error}");
        return await output;
    }

    private static string Snapshot(StringBuilder text)
    {
        lock (text)
        {
            return text.ToString();
        }
    }
}

public sealed class KubectlScenariosOnLocalKube(LocalKubeFixture fixture) : KubectlScenarios(new LocalKubeUnderTest(fixture)), IClassFixture<LocalKubeFixture>;

public sealed class KubectlScenariosOnRealCluster() : KubectlScenarios(new RealClusterUnderTest());

public sealed class KubectlScenariosOnK3s() : KubectlScenarios(new K3sUnderTest());

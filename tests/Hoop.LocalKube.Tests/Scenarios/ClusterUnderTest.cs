using Hoop.Testing.Kubernetes;

namespace Hoop.LocalKube.Tests.Scenarios;

/// <summary>
/// Where the shared scenarios run: LocalKube always, a real cluster when HOOP_TEST_KUBECONFIG names one. A target
/// that cannot be had reports each scenario skipped with the reason.
/// </summary>
public abstract class ClusterUnderTest
{
    /// <summary>A kubeconfig with cluster-admin rights.</summary>
    public abstract string AdminKubeconfig { get; }

    /// <summary>Why this target cannot run here, or null.</summary>
    public abstract string? Unavailable { get; }

    public Kubectl Kubectl()
    {
        if (Unavailable is { } reason)
        {
            Assert.Skip(reason);
        }

        return new Kubectl(AdminKubeconfig);
    }
}

/// <summary>The in-process LocalKube of the test class.</summary>
public sealed class LocalKubeUnderTest(LocalKubeFixture fixture) : ClusterUnderTest
{
    public override string AdminKubeconfig => fixture.KubeconfigFor(TestUsers.Admin);

    public override string? Unavailable => null;
}

/// <summary>A real cluster named by HOOP_TEST_KUBECONFIG.</summary>
public sealed class RealClusterUnderTest : ClusterUnderTest
{
    private static readonly string? Path = Environment.GetEnvironmentVariable("HOOP_TEST_KUBECONFIG");

    public override string AdminKubeconfig => Path!;

    public override string? Unavailable => string.IsNullOrEmpty(Path)
        ? "HOOP_TEST_KUBECONFIG is not set: set it to a kubeconfig with cluster-admin rights to run these scenarios against a real cluster"
        : File.Exists(Path) ? null : $"HOOP_TEST_KUBECONFIG names {Path}, which does not exist";
}

/// <summary>
/// K3s in a container through Testcontainers, started once per test run when a Docker engine answers; machines
/// without one report the scenarios skipped.
/// </summary>
public sealed class K3sUnderTest : ClusterUnderTest
{
    private static readonly string Socket = Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } host ? host : "unix:///var/run/docker.sock";
    private static readonly Lazy<Task<string>> Kubeconfig = new(StartAsync);

    public override string AdminKubeconfig => Kubeconfig.Value.GetAwaiter().GetResult();

    public override string? Unavailable => Socket.StartsWith("unix://", StringComparison.Ordinal) && !File.Exists(Socket["unix://".Length..])
        ? $"no Docker engine answers at {Socket}, so K3s cannot be started through Testcontainers"
        : null;

    private static async Task<string> StartAsync()
    {
        // Lives until the test process ends; Testcontainers' resource reaper removes it then.
        var k3s = new Testcontainers.K3s.K3sBuilder("rancher/k3s:v1.32.3-k3s1").Build();
        await k3s.StartAsync().ConfigureAwait(false);
        var path = Path.Combine(Path.GetTempPath(), $"hoop-test-k3s-{Environment.ProcessId}.kubeconfig");
        await File.WriteAllTextAsync(path, await k3s.GetKubeconfigAsync().ConfigureAwait(false)).ConfigureAwait(false);
        return path;
    }
}

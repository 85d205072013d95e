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

/// <summary>K3s in a container, when a Docker engine answers; none does on machines without one.</summary>
public sealed class K3sUnderTest : ClusterUnderTest
{
    private static readonly string Socket = Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } host ? host : "unix:///var/run/docker.sock";

    public override string AdminKubeconfig => throw new InvalidOperationException("K3s is not started in this build");

    public override string? Unavailable => File.Exists(Socket.Replace("unix://", "", StringComparison.Ordinal))
        ? "a Docker engine socket exists, but the K3s variant is not wired up yet (Testcontainers.K3s); run with HOOP_TEST_KUBECONFIG instead"
        : $"no Docker engine answers at {Socket}, so K3s cannot be started through Testcontainers";
}

using Hoop.Testing.Kubernetes;
using k8s;

namespace Hoop.Gateway.Tests.Authentication;

/// <summary>Kubernetes clients for authentication tests: one per LocalKube user, and one aimed at a closed port.</summary>
internal static class LocalKubeClients
{
    public static Kubernetes For(LocalKubeFixture kube, string user, RequestCounter? counter = null) =>
        counter is null
            ? new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kube.KubeconfigFor(user)))
            : new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kube.KubeconfigFor(user)), counter);

    /// <summary>A client for the LocalKube that presents a token the API server does not know.</summary>
    public static Kubernetes WithUnknownCredentials(LocalKubeFixture kube)
    {
        var configuration = KubernetesClientConfiguration.BuildConfigFromConfigFile(kube.KubeconfigFor(TestUsers.Admin));
        configuration.AccessToken = "revoked-gateway-token";
        return new Kubernetes(configuration);
    }

    /// <summary>A client for an API server that is not there: connections are refused.</summary>
    public static Kubernetes Unreachable() => new(new KubernetesClientConfiguration
    {
        Host = $"https://127.0.0.1:{ClosedPort.Find()}",
        AccessToken = "gateway-token",
        SkipTlsVerify = true,
    });
}

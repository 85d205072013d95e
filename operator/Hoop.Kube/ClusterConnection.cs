using k8s;

namespace Hoop.Kube;

/// <summary>
/// How the operator reaches the API server and which namespace it lives in: the kubeconfig it was given, else the pod's
/// ServiceAccount in a cluster, else the usual KUBECONFIG or ~/.kube/config, as kubectl would.
/// </summary>
internal sealed record ClusterConnection(KubernetesClientConfiguration Configuration, string OwnNamespace)
{
    private const string ServiceAccountNamespaceFile = "/var/run/secrets/kubernetes.io/serviceaccount/namespace";

    public static ClusterConnection Resolve(FileInfo? kubeconfig)
    {
        var configuration = kubeconfig is not null
            ? KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig)
            : KubernetesClientConfiguration.IsInCluster()
                ? KubernetesClientConfiguration.InClusterConfig()
                : KubernetesClientConfiguration.BuildDefaultConfig();
        return new ClusterConnection(configuration, OwnNamespaceOf(configuration));
    }

    public IKubernetes CreateClient() => new Kubernetes(Configuration);

    // Where the leader Lease and the webhook certificate Secret live: the pod's namespace (downward API or the mounted
    // ServiceAccount), else the kubeconfig context's namespace, else "default".
    private static string OwnNamespaceOf(KubernetesClientConfiguration configuration)
    {
        if (Environment.GetEnvironmentVariable("POD_NAMESPACE") is { Length: > 0 } podNamespace)
        {
            return podNamespace;
        }

        if (File.Exists(ServiceAccountNamespaceFile))
        {
            return File.ReadAllText(ServiceAccountNamespaceFile).Trim();
        }

        return string.IsNullOrEmpty(configuration.Namespace) ? "default" : configuration.Namespace;
    }
}

using k8s;
using k8s.Exceptions;
using k8s.KubeConfigModels;

namespace Hoop.Kubectl.Cluster;

/// <summary>One API client, built from the kubeconfig the way kubectl picks it, and the namespace commands act in.</summary>
internal sealed class ClusterSession : IDisposable
{
    private ClusterSession(KubernetesClientConfiguration configuration, string @namespace)
    {
        Configuration = configuration;
        Namespace = @namespace;
        Client = new Kubernetes(configuration);
    }

    public KubernetesClientConfiguration Configuration { get; }

    public Kubernetes Client { get; }

    public string Namespace { get; }

    public string Server => Configuration.Host;

    public static ClusterSession Open(string? kubeconfig, string? context, string? @namespace)
    {
        var files = KubeconfigFiles(kubeconfig);
        K8SConfiguration merged;
        try
        {
            merged = Merge(files.Select(f => KubernetesClientConfiguration.LoadKubeConfig(new FileInfo(f))).ToList());
        }
        catch (Exception e) when (e is KubeConfigException or IOException or YamlDotNet.Core.YamlException)
        {
            throw new UserError($"cannot read kubeconfig {string.Join(Path.PathSeparator, files)}: {e.Message}");
        }

        if (context is not null && merged.Contexts?.Any(c => c.Name == context) != true)
        {
            throw new UserError($"context \"{context}\" does not exist in {string.Join(Path.PathSeparator, files)}; list them with 'kubectl config get-contexts'");
        }

        KubernetesClientConfiguration configuration;
        try
        {
            configuration = KubernetesClientConfiguration.BuildConfigFromConfigObject(merged, context);
        }
        catch (KubeConfigException e)
        {
            throw new UserError($"kubeconfig {string.Join(Path.PathSeparator, files)}: {e.Message}; pick a context with --context");
        }

        return new ClusterSession(configuration, string.IsNullOrEmpty(@namespace) ? configuration.Namespace ?? "default" : @namespace);
    }

    /// <summary>Merges KUBECONFIG's files as kubectl does: the first file to set a value or name an entry wins.</summary>
    private static K8SConfiguration Merge(List<K8SConfiguration> configs)
    {
        var merged = configs[0];
        foreach (var next in configs.Skip(1))
        {
            merged.CurrentContext ??= next.CurrentContext;
            merged.Contexts = Union(merged.Contexts, next.Contexts, c => c.Name);
            merged.Clusters = Union(merged.Clusters, next.Clusters, c => c.Name);
            merged.Users = Union(merged.Users, next.Users, u => u.Name);
        }

        return merged;
    }

    private static List<T> Union<T>(IEnumerable<T>? first, IEnumerable<T>? second, Func<T, string> name) =>
        [.. (first ?? []).Concat(second ?? []).DistinctBy(name, StringComparer.Ordinal)];

    private static List<string> KubeconfigFiles(string? kubeconfig)
    {
        if (!string.IsNullOrEmpty(kubeconfig))
        {
            return File.Exists(kubeconfig) ? [kubeconfig] : throw new UserError($"kubeconfig {kubeconfig} does not exist");
        }

        if (Environment.GetEnvironmentVariable("KUBECONFIG") is { Length: > 0 } variable)
        {
            var existing = variable.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Where(File.Exists).ToList();
            return existing.Count > 0 ? existing : throw new UserError($"none of the files in KUBECONFIG ({variable}) exists");
        }

        var home = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");
        return File.Exists(home)
            ? [home]
            : throw new UserError("no kubeconfig: set KUBECONFIG, pass --kubeconfig, or create ~/.kube/config");
    }

    public void Dispose() => Client.Dispose();
}

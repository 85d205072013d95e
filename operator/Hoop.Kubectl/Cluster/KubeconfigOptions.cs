using System.CommandLine;

namespace Hoop.Kubectl.Cluster;

/// <summary>kubectl's connection flags, shared by every command that talks to the API server.</summary>
internal sealed class KubeconfigOptions
{
    public Option<string> Kubeconfig { get; } = new("--kubeconfig") { Description = "Path to the kubeconfig file (default: KUBECONFIG, else ~/.kube/config).", Recursive = true };

    public Option<string> Context { get; } = new("--context") { Description = "The kubeconfig context to use.", Recursive = true };

    public Option<string> Namespace { get; } = new("--namespace", "-n") { Description = "The namespace (default: the context's, else default).", Recursive = true };

    public void AddTo(Command root)
    {
        root.Options.Add(Kubeconfig);
        root.Options.Add(Context);
        root.Options.Add(Namespace);
    }

    public ClusterSession Open(ParseResult parseResult) =>
        ClusterSession.Open(parseResult.GetValue(Kubeconfig), parseResult.GetValue(Context), parseResult.GetValue(Namespace));
}

using System.CommandLine;

namespace Hoop.Operator;

/// <summary>The <c>hoop-operator</c> command line, as DESIGN.md's contract gives it.</summary>
internal static class OperatorCommandLine
{
    public static RootCommand Create()
    {
        var root = new RootCommand("hoop-operator reconciles Connections, ApprovalPolicies and AccessRequests and serves the admission webhooks.")
        {
            new Option<FileInfo>("--kubeconfig") { Description = "Kubeconfig to use out of cluster; in cluster the pod's ServiceAccount is used." },
            new Option<string>("--namespace") { Description = "Watch only this namespace (default: all namespaces)." },
            new Option<bool>("--leader-elect") { Description = "Run only while holding the leader Lease, so replicas can stand by." },
            new Option<string>("--webhook-listen") { Description = "HOST:PORT the admission webhooks listen on." },
            new Option<string>("--webhook-url-base") { Description = "Base URL the API server calls the webhooks at, when running out of cluster." },
            new Option<string>("--metrics-listen") { Description = "HOST:PORT for /metrics." },
            new Option<string>("--health-listen") { Description = "HOST:PORT for /healthz and /readyz." },
        };
        root.SetAction(parseResult =>
        {
            parseResult.InvocationConfiguration.Error.WriteLine(
                "hoop-operator: the reconcilers are not built yet, so this version does nothing. See README.md for the project's state.");
            return 1;
        });
        return root;
    }
}

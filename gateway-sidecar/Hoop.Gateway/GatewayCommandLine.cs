using System.CommandLine;

namespace Hoop.Gateway;

/// <summary>The <c>hoop-gateway</c> command line, as DESIGN.md's contract gives it.</summary>
internal static class GatewayCommandLine
{
    public static RootCommand Create()
    {
        var root = new RootCommand("hoop-gateway fronts one Connection: it authenticates users, applies policy, holds operations for approval, masks and records.")
        {
            new Option<FileInfo>("--kubeconfig") { Description = "Kubeconfig to use out of cluster; in cluster the pod's ServiceAccount is used." },
            new Option<string>("--connection") { Description = "The Connection to front, as NAMESPACE/NAME.", Required = true },
            new Option<string>("--listen") { Description = "HOST:PORT clients connect to." },
            new Option<DirectoryInfo>("--recordings") { Description = "Directory the session replay logs are written to." },
            new Option<string>("--admin-listen") { Description = "HOST:PORT for /healthz, /readyz and /metrics." },
        };
        root.SetAction(parseResult =>
        {
            parseResult.InvocationConfiguration.Error.WriteLine(
                "hoop-gateway: the data path is not built yet, so this version refuses to start. See README.md for the project's state.");
            return 1;
        });
        return root;
    }
}

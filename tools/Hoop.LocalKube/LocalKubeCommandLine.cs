using System.CommandLine;

namespace Hoop.LocalKube;

/// <summary>The <c>hoop-localkube</c> command line, as DESIGN.md's contract gives it.</summary>
internal static class LocalKubeCommandLine
{
    public static RootCommand Create()
    {
        var root = new RootCommand("hoop-localkube serves a local Kubernetes API for development and tests. It is not a cluster: nothing runs pods.")
        {
            new Option<string>("--listen") { Description = "HOST:PORT to serve HTTPS on, e.g. 127.0.0.1:6443.", Required = true },
            new Option<DirectoryInfo>("--data-dir") { Description = "Directory that keeps state across restarts." },
            new Option<FileInfo>("--tokens") { Description = "Static token CSV: token,user,uid,\"group1,group2\"." },
            new Option<FileInfo>("--kubeconfig-out") { Description = "Where to write a kubeconfig for this server." },
            new Option<string>("--kubeconfig-user") { Description = "The token user the written kubeconfig authenticates as." },
        };
        root.SetAction(parseResult =>
        {
            parseResult.InvocationConfiguration.Error.WriteLine(
                "hoop-localkube: the API server is not built yet, so this version refuses to start. See README.md for the project's state.");
            return 1;
        });
        return root;
    }
}

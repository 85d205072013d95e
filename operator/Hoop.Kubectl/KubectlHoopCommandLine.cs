using System.CommandLine;
using System.Reflection;
using Hoop.Api;
using Hoop.Kubectl.Cluster;
using Hoop.Kubectl.Completion;
using Hoop.Kubectl.Connect;
using Hoop.Kubectl.Identity;
using Hoop.Kubectl.Policy;
using Hoop.Kubectl.Recordings;
using Hoop.Kubectl.Requests;

namespace Hoop.Kubectl;

/// <summary>The <c>kubectl hoop</c> command line.</summary>
internal static class KubectlHoopCommandLine
{
    public static RootCommand Create()
    {
        var version = new Command("version", "Print the plugin's version and the API version it speaks.");
        version.SetAction(parseResult =>
        {
            parseResult.InvocationConfiguration.Output.WriteLine($"kubectl-hoop {ClientVersion} ({HoopApiGroup.ApiVersion})");
            return 0;
        });
        var cluster = new KubeconfigOptions();
        var root = new RootCommand("kubectl hoop approves, denies, requests and inspects AccessRequests.")
        {
            ReviewCommands.Approve(cluster),
            ReviewCommands.Deny(cluster),
            ListCommand.Create(cluster),
            DescribeCommand.Create(cluster),
            WatchCommand.Create(cluster),
            RequestCommand.Create(cluster),
            WhoamiCommand.Create(cluster),
            ConnectCommand.Create(cluster),
            VerifyCommand.Create(cluster),
            ReplayCommand.Create(),
            PolicyTestCommand.Create(),
            CompletionCommand.Create(),
            version,
        };
        cluster.AddTo(root);
        return root;
    }

    private static string ClientVersion =>
        typeof(KubectlHoopCommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}

using System.CommandLine;
using System.Reflection;
using Hoop.Api;
using Hoop.Kubectl.Policy;

namespace Hoop.Kubectl;

/// <summary>The <c>kubectl hoop</c> command line. So far: <c>version</c> and <c>policy test</c>.</summary>
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
        return new RootCommand("kubectl hoop approves, denies, requests and inspects AccessRequests.") { version, PolicyTestCommand.Create() };
    }

    private static string ClientVersion =>
        typeof(KubectlHoopCommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}

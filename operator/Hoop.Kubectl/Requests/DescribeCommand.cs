using System.CommandLine;
using Hoop.Kubectl.Cluster;

namespace Hoop.Kubectl.Requests;

/// <summary><c>kubectl hoop describe NAME</c>: everything about one request, for a reviewer deciding or an auditor reading.</summary>
internal static class DescribeCommand
{
    public static Command Create(KubeconfigOptions cluster)
    {
        var name = new Argument<string>("NAME") { Description = "The AccessRequest to describe." };
        var command = new Command("describe", "Show an AccessRequest in full: operation, policy, reviews, timeline and result.") { name };
        CommandAction.Set(command, async (parseResult, context, cancellationToken) =>
        {
            using var session = cluster.Open(parseResult);
            var request = await new AccessRequestStore(session).GetAsync(parseResult.GetValue(name)!, cancellationToken).ConfigureAwait(false);
            // Colour only for a person at a terminal; a pipe or a file gets plain text.
            var colour = ReferenceEquals(context.Output, Console.Out) && !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;
            RequestDescription.Write(context.Output, request, colour);
            return 0;
        });
        return command;
    }
}

using System.CommandLine;
using Hoop.Kubectl.Cluster;
using Hoop.Kubectl.Output;

namespace Hoop.Kubectl.Identity;

/// <summary><c>kubectl hoop whoami</c>: the user and groups the API server (and so every webhook) sees.</summary>
internal static class WhoamiCommand
{
    private static readonly string[] Header = ["ATTRIBUTE", "VALUE"];

    public static Command Create(KubeconfigOptions cluster)
    {
        var output = OutputFormat.CreateOption("json", "yaml");
        var command = new Command("whoami", "Show who the cluster says you are: the identity your reviews and requests carry.") { output };
        CommandAction.Set(command, async (parseResult, context, cancellationToken) =>
        {
            using var session = cluster.Open(parseResult);
            var review = await Caller.ReviewAsync(session.Client, cancellationToken).ConfigureAwait(false);
            review.ApiVersion ??= "authentication.k8s.io/v1";
            review.Kind ??= "SelfSubjectReview";
            if (OutputFormat.TryWrite(context.Output, parseResult.GetValue(output), OutputFormat.ToNode(review)))
            {
                return 0;
            }

            var user = review.Status?.UserInfo;
            List<string[]> rows = [Header, ["Username", user?.Username ?? "<none>"]];
            if (user?.Uid is { } uid)
            {
                rows.Add(["UID", uid]);
            }

            rows.Add(["Groups", $"[{string.Join(" ", user?.Groups ?? [])}]"]);
            Table.Write(context.Output, rows);
            return 0;
        });
        return command;
    }
}

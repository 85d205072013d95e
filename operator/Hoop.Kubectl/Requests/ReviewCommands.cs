using System.CommandLine;
using Hoop.Api.V1Alpha1;
using Hoop.Kubectl.Cluster;

namespace Hoop.Kubectl.Requests;

/// <summary>
/// <c>kubectl hoop approve NAME</c> and <c>kubectl hoop deny NAME --comment TEXT</c>: append one review to the request's
/// status. The webhook stamps who reviewed and refuses what the reviewer may not do; its words are printed as they are.
/// </summary>
internal static class ReviewCommands
{
    public static Command Approve(KubeconfigOptions cluster) => Create(cluster, ReviewDecision.Approve);

    public static Command Deny(KubeconfigOptions cluster) => Create(cluster, ReviewDecision.Deny);

    private static Command Create(KubeconfigOptions cluster, ReviewDecision decision)
    {
        var approve = decision == ReviewDecision.Approve;
        var name = new Argument<string>("NAME") { Description = "The AccessRequest to review." };
        var comment = new Option<string>("--comment") { Description = approve ? "What you say about it (optional)." : "Why you deny it (required).", Required = !approve };
        var command = new Command(approve ? "approve" : "deny", approve ? "Approve a pending AccessRequest." : "Deny a pending AccessRequest.") { name, comment };
        CommandAction.Set(command, async (parseResult, context, cancellationToken) =>
        {
            using var session = cluster.Open(parseResult);
            var reviewer = new RequestReviewer(session, new AccessRequestStore(session));
            var outcome = await reviewer.ReviewAsync(parseResult.GetValue(name)!, decision, parseResult.GetValue(comment), cancellationToken).ConfigureAwait(false);
            await context.Output.WriteLineAsync(outcome).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}

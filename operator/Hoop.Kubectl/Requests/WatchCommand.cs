using System.CommandLine;
using System.Globalization;
using Hoop.Api.V1Alpha1;
using Hoop.Kubectl.Cluster;

namespace Hoop.Kubectl.Requests;

/// <summary><c>kubectl hoop watch NAME</c>: prints each phase change; exit 0 when it succeeds, 1 when it ends otherwise.</summary>
internal static class WatchCommand
{
    public static Command Create(KubeconfigOptions cluster)
    {
        var name = new Argument<string>("NAME") { Description = "The AccessRequest to follow." };
        var command = new Command("watch", "Follow an AccessRequest until it succeeds (exit 0) or is denied, expires or fails (exit 1).") { name };
        CommandAction.Set(command, async (parseResult, context, cancellationToken) =>
        {
            using var session = cluster.Open(parseResult);
            var follower = new RequestFollower(new AccessRequestStore(session));
            var end = await follower.FollowAsync(parseResult.GetValue(name)!, r => context.Output.WriteLine(Line(r)), cancellationToken).ConfigureAwait(false);
            return RequestText.IsSuccess(end) ? 0 : 1;
        });
        return command;
    }

    /// <summary>One line per change: time, request, phase, approvals and the operator's message.</summary>
    public static string Line(AccessRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var time = DateTime.UtcNow.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        var message = request.Status?.Execution?.Error ?? RequestText.ReadyMessage(request);
        return $"{time}  {RequestText.Ref(request)}  {RequestText.Phase(request)}  {RequestText.Approvals(request)}{(message is null ? "" : "  " + message)}";
    }
}

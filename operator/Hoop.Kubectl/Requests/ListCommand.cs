using System.CommandLine;
using Hoop.Api;
using Hoop.Api.V1Alpha1;
using Hoop.Kubectl.Cluster;
using Hoop.Kubectl.Output;

namespace Hoop.Kubectl.Requests;

/// <summary><c>kubectl hoop list</c>: AccessRequests as a kubectl-get table, filtered to what the caller cares about.</summary>
internal static class ListCommand
{
    public static Command Create(KubeconfigOptions cluster)
    {
        var all = new Option<bool>("--all-namespaces", "-A") { Description = "List requests in every namespace." };
        var pending = new Option<bool>("--pending") { Description = "Only requests still waiting for reviews." };
        var mine = new Option<bool>("--mine") { Description = "Only requests you made." };
        var toReview = new Option<bool>("--to-review") { Description = "Only pending requests you may approve (not your own, not reviewed by you yet)." };
        var output = OutputFormat.CreateOption("json", "yaml", "wide");
        var command = new Command("list", "List AccessRequests.") { all, pending, mine, toReview, output };
        CommandAction.Set(command, async (parseResult, context, cancellationToken) =>
        {
            using var session = cluster.Open(parseResult);
            var store = new AccessRequestStore(session);
            var allNamespaces = parseResult.GetValue(all);
            IEnumerable<AccessRequest> items = (await store.ListAsync(allNamespaces, cancellationToken).ConfigureAwait(false)).Items;
            if (parseResult.GetValue(pending) || parseResult.GetValue(toReview))
            {
                items = items.Where(r => r.Status?.Phase is null or AccessRequestPhase.Pending);
            }

            if (parseResult.GetValue(mine) || parseResult.GetValue(toReview))
            {
                var me = await Caller.UsernameAsync(session.Client, cancellationToken).ConfigureAwait(false);
                items = parseResult.GetValue(mine)
                    ? items.Where(r => r.Spec.Requester?.Username == me)
                    : await ReviewableAsync(session, [.. items], me, cancellationToken).ConfigureAwait(false);
            }

            var list = items.OrderBy(r => r.Metadata.NamespaceProperty, StringComparer.Ordinal).ThenBy(r => r.Metadata.Name, StringComparer.Ordinal).ToList();
            var format = parseResult.GetValue(output);
            if (OutputFormat.TryWrite(context.Output, format, OutputFormat.List(list.Select(OutputFormat.ToNode))))
            {
                return 0;
            }

            if (list.Count == 0)
            {
                await context.Error.WriteLineAsync(allNamespaces ? "No resources found" : $"No resources found in {session.Namespace} namespace.").ConfigureAwait(false);
                return 0;
            }

            Table.Write(context.Output, RequestTable.Rows(list, allNamespaces, format == "wide", DateTimeOffset.UtcNow));
            return 0;
        });
        return command;
    }

    private static async Task<IEnumerable<AccessRequest>> ReviewableAsync(ClusterSession session, IReadOnlyList<AccessRequest> pending, string me, CancellationToken cancellationToken)
    {
        var may = new Dictionary<(string, string), bool>();
        var result = new List<AccessRequest>();
        foreach (var request in pending)
        {
            if (request.Spec.Requester?.Username == me || request.Status?.Policy is not { } policy
                || request.Status.Reviews?.Any(r => r.Reviewer == me) == true)
            {
                continue;
            }

            var key = (request.Metadata.NamespaceProperty, policy);
            if (!may.TryGetValue(key, out var allowed))
            {
                allowed = await Caller.MayAsync(session.Client, "approve", HoopApiGroup.Group, ResourceKind.ApprovalPolicy.Plural, key.Item1, policy, cancellationToken).ConfigureAwait(false);
                may[key] = allowed;
            }

            if (allowed)
            {
                result.Add(request);
            }
        }

        return result;
    }
}

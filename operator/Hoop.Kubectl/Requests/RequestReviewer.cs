using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Hoop.Api;
using Hoop.Api.V1Alpha1;
using Hoop.Kubectl.Cluster;
using k8s.Autorest;

namespace Hoop.Kubectl.Requests;

/// <summary>
/// Appends a review: checks first what can be told without the webhook (decided already, reviewed already, no approve
/// right), then patches, then waits briefly for the operator to count the review so the answer says what is still needed.
/// </summary>
internal sealed class RequestReviewer(ClusterSession session, AccessRequestStore store)
{
    private static readonly TimeSpan EvaluationWait = TimeSpan.FromSeconds(10);

    public async Task<string> ReviewAsync(string name, ReviewDecision decision, string? comment, CancellationToken cancellationToken)
    {
        var me = await Caller.UsernameAsync(session.Client, cancellationToken).ConfigureAwait(false);
        var request = await EvaluatedAsync(name, cancellationToken).ConfigureAwait(false);
        var phase = request.Status?.Phase;
        if (phase != AccessRequestPhase.Pending)
        {
            throw new UserError($"{RequestText.Ref(request)} is already {RequestText.Phase(request)} ({RequestText.Approvals(request)}): only a Pending request takes reviews");
        }

        if (request.Status?.Reviews?.Any(r => r.Reviewer == me) == true)
        {
            throw new UserError($"you ({me}) have already reviewed {RequestText.Ref(request)}; a review cannot be changed");
        }

        var policy = request.Status!.Policy!;
        if (request.Spec.Requester?.Username != me
            && !await Caller.MayAsync(session.Client, "approve", HoopApiGroup.Group, ResourceKind.ApprovalPolicy.Plural, session.Namespace, policy, cancellationToken).ConfigureAwait(false))
        {
            throw new UserError($"you ({me}) may not approve requests under policy {policy}: ask for the hoop-approver role (verb approve on approvalpolicies/{policy} in namespace {session.Namespace})");
        }

        var review = new JsonObject { ["reviewer"] = me, ["decision"] = decision.ToString() };
        if (!string.IsNullOrEmpty(comment))
        {
            review["comment"] = comment;
        }

        // The test keeps a review off a request that was decided between the read and the write.
        var patch = new JsonArray(
            new JsonObject { ["op"] = "test", ["path"] = "/status/phase", ["value"] = "Pending" },
            new JsonObject { ["op"] = "add", ["path"] = "/status/reviews/-", ["value"] = review });
        try
        {
            await store.PatchStatusAsync(name, patch, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity
            && !ApiErrors.Describe(e).Contains("admission webhook", StringComparison.Ordinal))
        {
            var now = await store.GetAsync(name, cancellationToken).ConfigureAwait(false);
            if (now.Status?.Phase != AccessRequestPhase.Pending)
            {
                throw new UserError($"{RequestText.Ref(now)} was {RequestText.Phase(now)} before your review arrived; it was not recorded");
            }

            throw;
        }

        var counted = await CountedAsync(name, decision, cancellationToken).ConfigureAwait(false);
        return Outcome(counted, me, decision);
    }

    private static string Outcome(AccessRequest request, string me, ReviewDecision decision)
    {
        var approvals = RequestText.Approvals(request);
        return request.Status?.Phase switch
        {
            AccessRequestPhase.Pending when decision == ReviewDecision.Approve => RequestText.Waiting(request) is { } need
                ? $"approved by {me} ({approvals}, still waiting: the rule needs {need})"
                : $"approved by {me} ({approvals})",
            AccessRequestPhase.Pending => $"denied by {me}; the operator has not decided yet",
            AccessRequestPhase.Denied => $"{RequestText.Ref(request)} denied by {me}",
            { } phase => $"{RequestText.Ref(request)} {phase.ToString().ToLowerInvariant()} ({approvals})",
            null => $"{decision.ToString().ToLowerInvariant()}d by {me}",
        };
    }

    /// <summary>The request once the operator has matched it against a policy, which a review needs.</summary>
    private async Task<AccessRequest> EvaluatedAsync(string name, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + EvaluationWait;
        while (true)
        {
            var request = await store.GetAsync(name, cancellationToken).ConfigureAwait(false);
            if (request.Status?.Phase is { } phase && (phase != AccessRequestPhase.Pending || request.Status.Policy is not null))
            {
                return request;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new UserError($"{RequestText.Ref(request)} has not been evaluated by the hoop operator yet ({RequestText.ReadyMessage(request) ?? "no status"}); is the operator running? Try again shortly");
            }

            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The request once the operator has counted the review (or decided), or as it stands after a short wait.</summary>
    private async Task<AccessRequest> CountedAsync(string name, ReviewDecision decision, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (true)
        {
            var request = await store.GetAsync(name, cancellationToken).ConfigureAwait(false);
            var mine = request.Status?.Reviews?.Count(r => r.Decision == ReviewDecision.Approve && r.Reviewer != request.Spec.Requester?.Username) ?? 0;
            var required = request.Status?.RequiredApprovals ?? 1;
            var expected = string.Create(CultureInfo.InvariantCulture, $"{Math.Min(mine, required)}/{required}");
            var counted = decision == ReviewDecision.Approve && request.Status?.Approvals == expected;
            if (request.Status?.Phase != AccessRequestPhase.Pending || counted || DateTime.UtcNow > deadline)
            {
                return request;
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }
}

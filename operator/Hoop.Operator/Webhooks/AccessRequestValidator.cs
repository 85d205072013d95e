using System.Text.Json.Nodes;
using Hoop.Api;

namespace Hoop.Operator.Webhooks;

/// <summary>
/// The validating webhook's decisions for AccessRequests: who may create one for whom, that spec never changes, and
/// that reviews are appended one at a time by an authorised reviewer who is not the requester (break-glass aside)
/// while everything else in status is written only by the operator and the request's gateway.
/// </summary>
internal sealed class AccessRequestValidator(OperatorIdentity operatorIdentity, IReviewAuthority authority)
{
    private static readonly HashSet<string> GatewayWritableFields = new(StringComparer.Ordinal) { "status.phase", "status.execution" };

    private static readonly HashSet<(string From, string To)> GatewayTransitions =
    [
        ("Approved", "Executing"),
        ("Executing", "Succeeded"),
        ("Executing", "Failed"),
        ("Pending", "Cancelled"),
    ];

    public async Task<AdmissionDecision> ValidateAsync(AdmissionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!AccessRequestDocument.IsAccessRequest(request))
        {
            return AdmissionDecision.Refuse($"this webhook admits only {HoopApiGroup.Group} {ResourceKind.AccessRequest.Plural}, not {request.Group}/{request.Resource}: its registration is wrong");
        }

        if (request.Namespace is null)
        {
            return AdmissionDecision.Refuse($"{request.ObjectName} has no namespace; AccessRequests are namespaced");
        }

        return (request.Operation, request.SubResource) switch
        {
            ("CREATE", null) => ValidateCreate(request),
            ("UPDATE", null) => ValidateSpecUnchanged(request) ?? AdmissionDecision.Allow(),
            ("UPDATE", "status") => ValidateSpecUnchanged(request) ?? await ValidateStatusAsync(request, cancellationToken).ConfigureAwait(false),
            _ => AdmissionDecision.Allow(),
        };
    }

    private static AdmissionDecision ValidateCreate(AdmissionRequest request)
    {
        var user = request.User;
        var created = new AccessRequestDocument(request.Object);
        var name = request.ObjectName;
        if (GatewayNames.ConnectionOf(user.Username) is { } gateway)
        {
            if (gateway.Namespace != request.Namespace)
            {
                return AdmissionDecision.Refuse($"{user.Username} may create AccessRequests only in namespace {gateway.Namespace}, not in {request.Namespace}");
            }

            if (created.ConnectionName != gateway.Connection)
            {
                return AdmissionDecision.Refuse(
                    $"{user.Username} may create AccessRequests only for connection {gateway.Connection}, but {name} is for {created.ConnectionName ?? "no connection"}");
            }

            if (created.RequesterUsername is null)
            {
                return AdmissionDecision.Refuse($"{user.Username} must set spec.requester.username of {name} to the end user it authenticated");
            }

            return AccessRequestDocument.Text(created.Requester?["via"]) == user.Username
                ? AdmissionDecision.Allow()
                : AdmissionDecision.Refuse($"spec.requester.via of {name} must be {user.Username}, the gateway that creates it");
        }

        // The mutating webhook stamped the caller; anything else means it was bypassed or raced.
        var requester = created.Requester;
        var stamped = requester is not null
            && created.RequesterUsername == user.Username
            && AccessRequestDocument.Text(requester["uid"]) == user.Uid
            && SameStrings(requester["groups"], user.Groups)
            && requester["via"] is null;
        return stamped
            ? AdmissionDecision.Allow()
            : AdmissionDecision.Refuse($"spec.requester of {name} must be {user.Username} as authenticated: a request is always stamped with the identity of whoever creates it");
    }

    private static AdmissionDecision? ValidateSpecUnchanged(AdmissionRequest request) =>
        JsonNode.DeepEquals(new AccessRequestDocument(request.OldObject).Spec, new AccessRequestDocument(request.Object).Spec)
            ? null
            : AdmissionDecision.Refuse($"the spec of {request.ObjectName} is immutable: create a new AccessRequest to ask for something else");

    private async Task<AdmissionDecision> ValidateStatusAsync(AdmissionRequest request, CancellationToken cancellationToken)
    {
        var user = request.User.Username;
        var name = request.ObjectName;
        var old = new AccessRequestDocument(request.OldObject);
        var next = new AccessRequestDocument(request.Object);
        var before = old.Reviews;
        var after = next.Reviews;
        if (after.Count < before.Count || Enumerable.Range(0, before.Count).Any(i => !JsonNode.DeepEquals(before[i], after[i])))
        {
            return AdmissionDecision.Refuse($"reviews cannot be changed or removed: {user} may only append a review to {name}");
        }

        var changed = AccessRequestDocument.ChangedStatusFields(old, next);
        if (after.Count > before.Count)
        {
            return await ValidateReviewAsync(request, old, after.Count - before.Count, after[^1], changed, cancellationToken).ConfigureAwait(false);
        }

        if (changed.Count == 0 || user == operatorIdentity.Username)
        {
            return AdmissionDecision.Allow();
        }

        if (GatewayNames.ConnectionOf(user) is { } gateway && gateway.Namespace == request.Namespace && gateway.Connection == old.ConnectionName)
        {
            return ValidateGatewayWrite(user, name, old, next, changed);
        }

        return AdmissionDecision.Refuse($"{user} cannot change {name}: only the hoop operator may set {string.Join(", ", changed)}");
    }

    private static AdmissionDecision ValidateGatewayWrite(string user, string name, AccessRequestDocument old, AccessRequestDocument next, IReadOnlyList<string> changed)
    {
        var forbidden = changed.Where(f => !GatewayWritableFields.Contains(f)).ToList();
        if (forbidden.Count > 0)
        {
            return AdmissionDecision.Refuse($"{user} cannot change {name}: only the hoop operator may set {string.Join(", ", forbidden)}");
        }

        if (old.Phase != next.Phase && !GatewayTransitions.Contains((old.Phase ?? "", next.Phase ?? "")))
        {
            return AdmissionDecision.Refuse(
                $"{user} cannot move {name} from {old.Phase ?? "no phase"} to {next.Phase ?? "no phase"}: a gateway only moves a request Approved→Executing→Succeeded|Failed, or Pending→Cancelled");
        }

        return AdmissionDecision.Allow();
    }

    private async Task<AdmissionDecision> ValidateReviewAsync(
        AdmissionRequest request, AccessRequestDocument old, int appended, JsonNode? review, IReadOnlyList<string> changed, CancellationToken cancellationToken)
    {
        var user = request.User;
        var name = request.ObjectName;
        if (appended > 1)
        {
            return AdmissionDecision.Refuse($"{user.Username} cannot add {appended} reviews to {name} at once: append exactly one review per write");
        }

        if (changed.Count > 0)
        {
            return AdmissionDecision.Refuse(
                $"{user.Username} cannot change {name}: only the hoop operator may set {string.Join(", ", changed)}; a review is appended alone, with nothing else in the same write");
        }

        if (review is not JsonObject entry)
        {
            return AdmissionDecision.Refuse($"the review {user.Username} appended to {name} is not an object");
        }

        if (AccessRequestDocument.Text(entry["reviewer"]) != user.Username || !SameStrings(entry["groups"], user.Groups))
        {
            return AdmissionDecision.Refuse(
                $"{user.Username} cannot add a review to {name} in the name of {AccessRequestDocument.Text(entry["reviewer"]) ?? "nobody"}: reviewer and groups are always the authenticated caller's");
        }

        if (old.Policy is not { } policy)
        {
            return AdmissionDecision.Refuse($"{name} has not been evaluated yet, try again shortly: the operator has not matched it against an ApprovalPolicy");
        }

        if (old.Phase != "Pending")
        {
            return AdmissionDecision.Refuse($"{user.Username} cannot review {name}: it is {old.Phase ?? "not evaluated yet"}, and only a Pending request takes reviews");
        }

        if (old.Reviews.Any(r => r is JsonObject o && AccessRequestDocument.Text(o["reviewer"]) == user.Username))
        {
            return AdmissionDecision.Refuse($"{user.Username} has already reviewed {name}");
        }

        var ns = request.Namespace!;
        if (user.Username == old.RequesterUsername)
        {
            var refusal = await BreakGlassRefusalAsync(user, name, ns, policy, old, entry, cancellationToken).ConfigureAwait(false);
            if (refusal is not null)
            {
                return refusal;
            }
        }

        return await authority.MayApproveAsync(user, ns, policy, cancellationToken).ConfigureAwait(false)
            ? AdmissionDecision.Allow()
            : AdmissionDecision.Refuse(
                $"{user.Username} may not review {name}: approving requests under policy \"{policy}\" needs verb \"{KubernetesReviewAuthority.ApproveVerb}\" on {ResourceKind.ApprovalPolicy.Plural}/{policy}");
    }

    /// <summary>Why a requester may not approve their own request, or null when break-glass allows it.</summary>
    private async Task<AdmissionDecision?> BreakGlassRefusalAsync(
        AdmissionUser user, string name, string ns, string policy, AccessRequestDocument old, JsonObject review, CancellationToken cancellationToken)
    {
        var prefix = $"{user.Username} cannot review their own request {name}";
        if (!old.BreakGlass)
        {
            return AdmissionDecision.Refuse(prefix);
        }

        if (string.IsNullOrWhiteSpace(old.Reason))
        {
            return AdmissionDecision.Refuse($"{prefix}: a break-glass self-approval needs a reason in spec.reason");
        }

        if (AccessRequestDocument.Text(review["decision"]) != "Approve")
        {
            return AdmissionDecision.Refuse($"{prefix}: break-glass only lets the requester approve it");
        }

        var groups = await authority.BreakGlassGroupsAsync(ns, policy, cancellationToken).ConfigureAwait(false);
        if (groups is null)
        {
            return AdmissionDecision.Refuse($"{prefix}: its policy \"{policy}\" does not exist in namespace {ns}");
        }

        return user.IsInAnyOf(groups)
            ? null
            : AdmissionDecision.Refuse(
                $"{prefix}: break-glass under policy \"{policy}\" is only for members of {(groups.Count == 0 ? "no group (the policy sets none)" : string.Join(", ", groups))}");
    }

    private static bool SameStrings(JsonNode? node, IReadOnlyList<string> expected)
    {
        if (node is null)
        {
            return expected.Count == 0;
        }

        return node is JsonArray array && array.Count == expected.Count
            && array.Select(AccessRequestDocument.Text).SequenceEqual(expected.Select(e => e.Length == 0 ? null : e));
    }
}

namespace Hoop.Operator.Webhooks;

/// <summary>What the validating webhook asks the API server about a reviewer: RBAC, and the policy's break-glass groups.</summary>
internal interface IReviewAuthority
{
    /// <summary>Whether <paramref name="user"/> holds verb <c>approve</c> on <c>approvalpolicies/&lt;policy&gt;</c> (hoop.dev) in the namespace.</summary>
    Task<bool> MayApproveAsync(AdmissionUser user, string @namespace, string policy, CancellationToken cancellationToken);

    /// <summary>The policy's <c>spec.breakGlass.groups</c>: empty when it has none, null when the policy does not exist.</summary>
    Task<IReadOnlyList<string>?> BreakGlassGroupsAsync(string @namespace, string policy, CancellationToken cancellationToken);
}

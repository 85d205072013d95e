using Hoop.Operator.Webhooks;

namespace Hoop.Operator.Tests.Webhooks;

/// <summary>
/// Stands in for the API server's SubjectAccessReview and ApprovalPolicy lookup in decision tests; the integration
/// tests use the real ones through LocalKube.
/// </summary>
internal sealed class FakeReviewAuthority : IReviewAuthority
{
    /// <summary>Users granted verb approve on approvalpolicies/&lt;policy&gt;, as (user, policy).</summary>
    public HashSet<(string User, string Policy)> Approvers { get; } = [];

    /// <summary>Break-glass groups per existing policy.</summary>
    public Dictionary<string, string[]> Policies { get; } = new(StringComparer.Ordinal) { ["production"] = ["sre-oncall"] };

    public List<(string User, string Namespace, string Policy)> AccessReviews { get; } = [];

    public Exception? Failure { get; set; }

    public Task<bool> MayApproveAsync(AdmissionUser user, string @namespace, string policy, CancellationToken cancellationToken)
    {
        if (Failure is not null)
        {
            throw Failure;
        }

        AccessReviews.Add((user.Username, @namespace, policy));
        return Task.FromResult(Approvers.Contains((user.Username, policy)));
    }

    public Task<IReadOnlyList<string>?> BreakGlassGroupsAsync(string @namespace, string policy, CancellationToken cancellationToken) =>
        Task.FromResult(Policies.TryGetValue(policy, out var groups) ? (IReadOnlyList<string>?)groups : null);
}

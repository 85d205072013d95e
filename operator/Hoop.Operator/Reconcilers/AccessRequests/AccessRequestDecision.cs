using Hoop.Api.V1Alpha1;
using k8s.Models;

namespace Hoop.Operator.Reconcilers.AccessRequests;

/// <summary>
/// The status the operator wants an undecided AccessRequest to have: its phase and why (<see cref="Reason"/>, a
/// condition reason, and <see cref="Message"/>, which never quotes the operation), and when to look again.
/// </summary>
internal sealed record AccessRequestDecision
{
    public required AccessRequestPhase Phase { get; init; }

    public required string Reason { get; init; }

    public required string Message { get; init; }

    public string? Policy { get; init; }

    public string? Rule { get; init; }

    public int? RequiredApprovals { get; init; }

    /// <summary>Approvals given of those required, e.g. <c>1/2</c>.</summary>
    public string? Approvals { get; init; }

    public DateTime? ExpiresAt { get; init; }

    public long? ObservedGeneration { get; init; }

    public required IList<V1Condition> Conditions { get; init; }

    /// <summary>Approved by a break-glass self-approval.</summary>
    public bool BreakGlass { get; init; }

    /// <summary>When a Pending request must be looked at again even if nothing changes (its expiry).</summary>
    public TimeSpan? RequeueAfter { get; init; }

    public bool IsDecided => Phase != AccessRequestPhase.Pending;
}

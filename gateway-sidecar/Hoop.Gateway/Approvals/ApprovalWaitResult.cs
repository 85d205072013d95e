using Hoop.Api.V1Alpha1;

namespace Hoop.Gateway.Approvals;

/// <summary>Where a held request ended up: its phase once it left Pending, and the request as last seen.</summary>
internal sealed record ApprovalWaitResult(AccessRequestPhase Phase, AccessRequest Request);

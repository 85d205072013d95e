using Hoop.Api.Schema;
using k8s.Models;

namespace Hoop.Api.V1Alpha1;

/// <summary>
/// AccessRequest is one operation waiting for humans: a statement, a command, a Kubernetes or HTTP request, or a
/// time-boxed session on a Connection. Its spec never changes after creation; reviewers append reviews to its status,
/// and the operator decides its phase from them.
/// </summary>
[KubernetesEntity(Group = HoopApiGroup.Group, ApiVersion = HoopApiGroup.Version, Kind = "AccessRequest", PluralName = "accessrequests")]
[PrinterColumn(1, "PHASE", "string", ".status.phase", Description = "Where the request stands.")]
[PrinterColumn(2, "CONNECTION", "string", ".spec.connectionRef.name", Description = "The Connection the operation runs on.")]
[PrinterColumn(3, "REQUESTER", "string", ".spec.requester.username", Description = "Who asked, as authenticated.")]
[PrinterColumn(4, "APPROVALS", "string", ".status.approvals", Description = "Approvals given of those required, e.g. 1/2.")]
[PrinterColumn(5, "POLICY", "string", ".status.policy", Priority = 1, Description = "The ApprovalPolicy that decided.")]
[PrinterColumn(6, "RULE", "string", ".status.rule", Priority = 1, Description = "The rule that matched.")]
[PrinterColumn(7, "EXPIRES", "date", ".status.expiresAt", Priority = 1, Description = "When an unapproved request expires.")]
[PrinterColumn(8, "AGE", "date", ".metadata.creationTimestamp")]
public sealed class AccessRequest() : HoopObject<AccessRequestSpec, AccessRequestStatus>("AccessRequest");

using Hoop.Api.Schema;
using k8s.Models;

namespace Hoop.Api.V1Alpha1;

/// <summary>
/// ApprovalPolicy decides, for the Connections it selects, which operations run at once, which are refused and which
/// wait for human approval. Rules are ordered; the first that matches decides. Kept in Git and applied by GitOps.
/// </summary>
[KubernetesEntity(Group = HoopApiGroup.Group, ApiVersion = HoopApiGroup.Version, Kind = "ApprovalPolicy", PluralName = "approvalpolicies")]
[PrinterColumn(1, "RULES", "integer", ".status.ruleCount", Description = "Number of rules.")]
[PrinterColumn(2, "CONNECTIONS", "integer", ".status.matchedConnectionCount", Description = "Connections the policy applies to.")]
[PrinterColumn(3, "DEFAULT", "string", ".spec.defaultAction", Priority = 1, Description = "What happens when no rule matches.")]
[PrinterColumn(4, "AGE", "date", ".metadata.creationTimestamp")]
public sealed class ApprovalPolicy() : HoopObject<ApprovalPolicySpec, ApprovalPolicyStatus>("ApprovalPolicy");

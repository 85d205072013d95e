using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Hoop.Api.Schema;
using k8s.Models;

namespace Hoop.Api.V1Alpha1;

/// <summary>The rules of an ApprovalPolicy.</summary>
[CelRule("has(self.connectionSelector) != has(self.connections)",
    "set exactly one of connectionSelector and connections, so it is clear which Connections the policy governs")]
public sealed class ApprovalPolicySpec
{
    /// <summary>Selects the Connections in this namespace the policy applies to, by label.</summary>
    [JsonPropertyName("connectionSelector")]
    public V1LabelSelector? ConnectionSelector { get; set; }

    /// <summary>Names the Connections in this namespace the policy applies to.</summary>
    [MinLength(1)]
    [MaxLength(64)]
    [JsonPropertyName("connections")]
    public IList<string>? Connections { get; set; }

    /// <summary>Ordered rules; the first whose match fits the operation decides.</summary>
    [MaxLength(64)]
    [CelRule("self.all(r, self.exists_one(o, o.name == r.name))", "rule names must be unique: decisions and reviews refer to rules by name")]
    [JsonPropertyName("rules")]
    public IList<PolicyRule>? Rules { get; set; }

    /// <summary>What happens to an operation no rule matches. RequireApproval unless set: nothing unmatched is silently allowed.</summary>
    [DefaultValue("RequireApproval")]
    [JsonPropertyName("defaultAction")]
    public PolicyAction DefaultAction { get; set; } = PolicyAction.RequireApproval;

    /// <summary>Approvals needed for an unmatched operation when defaultAction is RequireApproval.</summary>
    [JsonPropertyName("defaultApprovals")]
    public ApprovalRequirement? DefaultApprovals { get; set; }

    /// <summary>Who may approve their own emergency request; such requests must carry a reason and are marked and evented.</summary>
    [JsonPropertyName("breakGlass")]
    public BreakGlass? BreakGlass { get; set; }
}

/// <summary>Emergency access: members of these groups may self-approve a request that carries a reason.</summary>
public sealed class BreakGlass
{
    /// <summary>Groups whose members may break the glass.</summary>
    [Required]
    [MinLength(1)]
    [MaxLength(16)]
    [JsonPropertyName("groups")]
    public IList<string> Groups { get; set; } = [];
}

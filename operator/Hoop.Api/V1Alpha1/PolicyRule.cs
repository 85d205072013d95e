using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Hoop.Api.Schema;

namespace Hoop.Api.V1Alpha1;

/// <summary>One rule: which operations it matches and what happens to them.</summary>
[CelRule("!has(self.approvals) || self.action == 'RequireApproval'",
    "approvals may only be set when action is RequireApproval", FieldPath = ".approvals")]
[CelRule("!has(self.timeout) || self.action == 'RequireApproval'",
    "timeout may only be set when action is RequireApproval", FieldPath = ".timeout")]
[CelRule("!has(self.requireReason) || !self.requireReason || self.action == 'RequireApproval'",
    "requireReason may only be set when action is RequireApproval", FieldPath = ".requireReason")]
public sealed class PolicyRule
{
    /// <summary>The rule's name, unique in the policy; decisions name it.</summary>
    [Required]
    [MaxLength(63)]
    [RegularExpression(Patterns.DnsLabel)]
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    /// <summary>Which operations the rule applies to. An empty match applies to every operation.</summary>
    [Required]
    [JsonPropertyName("match")]
    public RuleMatch Match { get; set; } = new();

    /// <summary>Allow runs the operation at once, Deny refuses it, RequireApproval holds it until approved.</summary>
    [Required]
    [JsonPropertyName("action")]
    public PolicyAction Action { get; set; }

    /// <summary>Who must approve, when action is RequireApproval. One approval from anyone allowed to approve when absent.</summary>
    [JsonPropertyName("approvals")]
    public ApprovalRequirement? Approvals { get; set; }

    /// <summary>How long a request waits for approval before it expires.</summary>
    [Duration("1m", "168h")]
    [JsonPropertyName("timeout")]
    public string? Timeout { get; set; }

    /// <summary>Whether the requester must give a reason.</summary>
    [JsonPropertyName("requireReason")]
    public bool? RequireReason { get; set; }
}

/// <summary>What a rule does with the operations it matches.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PolicyAction>))]
public enum PolicyAction
{
    Allow,
    Deny,
    RequireApproval,
}

/// <summary>The approvals an operation needs.</summary>
[CelRule("!has(self.fromGroups) || size(self.fromGroups) <= self.required",
    "required must be at least the number of fromGroups: each listed group contributes one approval", FieldPath = ".required")]
public sealed class ApprovalRequirement
{
    /// <summary>How many distinct reviewers must approve. The requester never counts.</summary>
    [DefaultValue(1)]
    [Range(1, 10)]
    [JsonPropertyName("required")]
    public int Required { get; set; } = 1;

    /// <summary>Groups that must each contribute at least one of the approvals.</summary>
    [MaxLength(10)]
    [JsonPropertyName("fromGroups")]
    public IList<string>? FromGroups { get; set; }
}

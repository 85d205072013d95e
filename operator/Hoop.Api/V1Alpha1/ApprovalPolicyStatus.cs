using System.Text.Json.Serialization;
using k8s.Models;

namespace Hoop.Api.V1Alpha1;

/// <summary>The observed state of an ApprovalPolicy, written by the operator.</summary>
public sealed class ApprovalPolicyStatus
{
    /// <summary>The metadata.generation the operator last validated.</summary>
    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; set; }

    /// <summary>Ready, Progressing and Degraded; Degraded names what is wrong with the rules.</summary>
    [JsonPropertyName("conditions")]
    public IList<V1Condition>? Conditions { get; set; }

    /// <summary>Number of rules in the policy.</summary>
    [JsonPropertyName("ruleCount")]
    public int? RuleCount { get; set; }

    /// <summary>Names of the Connections the policy applies to.</summary>
    [JsonPropertyName("matchedConnections")]
    public IList<string>? MatchedConnections { get; set; }

    /// <summary>Number of Connections the policy applies to.</summary>
    [JsonPropertyName("matchedConnectionCount")]
    public int? MatchedConnectionCount { get; set; }
}

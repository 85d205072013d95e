using System.Text.Json.Serialization;
using k8s.Models;

namespace Hoop.Api.V1Alpha1;

/// <summary>The observed state of a Connection, written by the operator.</summary>
public sealed class ConnectionStatus
{
    /// <summary>The metadata.generation the operator last acted on.</summary>
    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; set; }

    /// <summary>Ready, Progressing and Degraded, with reasons such as SecretNotFound or GatewayUnavailable.</summary>
    [JsonPropertyName("conditions")]
    public IList<V1Condition>? Conditions { get; set; }

    /// <summary>Where clients connect to the gateway, <c>host:port</c>.</summary>
    [JsonPropertyName("endpoint")]
    public string? Endpoint { get; set; }

    /// <summary>Gateway replicas that report themselves alive.</summary>
    [JsonPropertyName("readyReplicas")]
    public int? ReadyReplicas { get; set; }
}

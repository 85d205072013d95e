using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Hoop.Api.Schema;

namespace Hoop.Api.V1Alpha1;

/// <summary>The desired state of a Connection.</summary>
[CelRule("self.type in ['postgres', 'mysql'] || !has(self.target.database)",
    "target.database applies only to postgres and mysql connections", FieldPath = ".target.database")]
[CelRule("self.type in ['postgres', 'mysql'] || !has(self.masking)",
    "masking applies only to postgres and mysql connections: remove spec.masking", FieldPath = ".masking")]
public sealed class ConnectionSpec
{
    /// <summary>The protocol: postgres, mysql, ssh, kubernetes or http.</summary>
    [Required]
    [JsonPropertyName("type")]
    public ConnectionType Type { get; set; }

    /// <summary>Where the target is and how the gateway reaches it.</summary>
    [Required]
    [JsonPropertyName("target")]
    public ConnectionTarget Target { get; set; } = new();

    /// <summary>
    /// The Secret holding the service credential the gateway logs in to the target with. Only the gateway reads it;
    /// users never see it. Keys: <c>username</c> and <c>password</c> (postgres, mysql, ssh), <c>privateKey</c> (ssh),
    /// <c>token</c> (kubernetes, http).
    /// </summary>
    [Required]
    [JsonPropertyName("credentialsSecretRef")]
    public SecretReference CredentialsSecretRef { get; set; } = new();

    /// <summary>How end users prove who they are to the gateway.</summary>
    [Required]
    [JsonPropertyName("authentication")]
    public ConnectionAuthentication Authentication { get; set; } = new();

    /// <summary>Which values the gateway masks before they leave it, in results and in recordings.</summary>
    [JsonPropertyName("masking")]
    public Masking? Masking { get; set; }

    /// <summary>How the operator runs this Connection's gateway.</summary>
    [JsonPropertyName("gateway")]
    public GatewaySettings? Gateway { get; set; }
}

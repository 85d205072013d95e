using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Hoop.Api.Schema;

namespace Hoop.Api.V1Alpha1;

/// <summary>How the gateway secures its connection to the target.</summary>
[CelRule("self.mode != 'Disable' || !has(self.caSecretRef)", "caSecretRef has no effect when mode is Disable", FieldPath = ".caSecretRef")]
public sealed class TargetTls
{
    /// <summary>
    /// Disable (plain text, for targets on a trusted network only), Require (encrypt, do not verify), VerifyCA (verify the
    /// chain) or VerifyFull (verify the chain and the host name).
    /// </summary>
    [DefaultValue("VerifyFull")]
    [JsonPropertyName("mode")]
    public TlsMode Mode { get; set; } = TlsMode.VerifyFull;

    /// <summary>The CA bundle (PEM) that signs the target's certificate; the system roots when absent.</summary>
    [JsonPropertyName("caSecretRef")]
    public SecretKeyReference? CaSecretRef { get; set; }

    /// <summary>The name to verify in the target's certificate when it differs from target.host.</summary>
    [MaxLength(253)]
    [JsonPropertyName("serverName")]
    public string? ServerName { get; set; }
}

/// <summary>How strictly the gateway checks the target's TLS.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TlsMode>))]
public enum TlsMode
{
    Disable,
    Require,
    VerifyCA,
    VerifyFull,
}

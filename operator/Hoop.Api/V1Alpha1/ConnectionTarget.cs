using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Hoop.Api.V1Alpha1;

/// <summary>The target behind the gateway.</summary>
public sealed class ConnectionTarget
{
    /// <summary>DNS name or IP address of the target, e.g. <c>orders-db.payments.svc</c>.</summary>
    [Required]
    [MinLength(1)]
    [MaxLength(253)]
    [RegularExpression(@"^[A-Za-z0-9]([-A-Za-z0-9.:]*[A-Za-z0-9])?$")]
    [JsonPropertyName("host")]
    public string Host { get; set; } = "";

    /// <summary>TCP port of the target.</summary>
    [Required]
    [Range(1, 65535)]
    [JsonPropertyName("port")]
    public int Port { get; set; }

    /// <summary>The database the gateway connects to (postgres and mysql only).</summary>
    [MaxLength(63)]
    [JsonPropertyName("database")]
    public string? Database { get; set; }

    /// <summary>Transport security between the gateway and the target.</summary>
    [JsonPropertyName("tls")]
    public TargetTls? Tls { get; set; }
}

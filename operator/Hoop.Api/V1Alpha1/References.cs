using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Hoop.Api.Schema;

namespace Hoop.Api.V1Alpha1;

/// <summary>A Secret in the same namespace as the object that refers to it.</summary>
public sealed class SecretReference
{
    /// <summary>Name of the Secret.</summary>
    [Required]
    [MaxLength(253)]
    [RegularExpression(Patterns.DnsSubdomain)]
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";
}

/// <summary>One key of a Secret in the same namespace.</summary>
public sealed class SecretKeyReference
{
    /// <summary>Name of the Secret.</summary>
    [Required]
    [MaxLength(253)]
    [RegularExpression(Patterns.DnsSubdomain)]
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    /// <summary>The key within the Secret's data.</summary>
    [Required]
    [MaxLength(253)]
    [RegularExpression(@"^[-._a-zA-Z0-9]+$")]
    [JsonPropertyName("key")]
    public string Key { get; set; } = "";
}

/// <summary>A Connection in the same namespace.</summary>
public sealed class ConnectionReference
{
    /// <summary>Name of the Connection.</summary>
    [Required]
    [MaxLength(253)]
    [RegularExpression(Patterns.DnsSubdomain)]
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";
}

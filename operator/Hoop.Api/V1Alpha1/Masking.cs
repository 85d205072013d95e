using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Hoop.Api.V1Alpha1;

/// <summary>
/// What the gateway masks before a value leaves it (to the client, into a recording, into a log): values of columns
/// matched by name, and values recognised by content wherever they appear.
/// </summary>
public sealed class Masking
{
    /// <summary>Columns to mask, by glob on <c>column</c> or <c>table.column</c> (<c>email</c>, <c>*.ssn</c>, <c>users.card_*</c>).</summary>
    [MaxLength(128)]
    [JsonPropertyName("columns")]
    public IList<ColumnMaskingRule>? Columns { get; set; }

    /// <summary>Content detectors applied to every text value, whatever its column.</summary>
    [MaxLength(16)]
    [JsonPropertyName("detectors")]
    public IList<ContentDetector>? Detectors { get; set; }
}

/// <summary>Masks the values of the columns a glob matches.</summary>
public sealed class ColumnMaskingRule
{
    /// <summary>Glob on <c>column</c> or <c>table.column</c>: <c>*</c> within a name, <c>?</c> one character.</summary>
    [Required]
    [MinLength(1)]
    [MaxLength(256)]
    [RegularExpression(@"^[^\s]+$")]
    [JsonPropertyName("pattern")]
    public string Pattern { get; set; } = "";

    /// <summary>How the value is masked.</summary>
    [DefaultValue("redact")]
    [JsonPropertyName("strategy")]
    public MaskingStrategy Strategy { get; set; } = MaskingStrategy.Redact;
}

/// <summary>Recognises sensitive values by their content and masks them.</summary>
public sealed class ContentDetector
{
    /// <summary>What to recognise. Detectors validate what they find (Luhn for card numbers, checksums for IBANs).</summary>
    [Required]
    [JsonPropertyName("type")]
    public DetectorType Type { get; set; }

    /// <summary>How a recognised value is masked.</summary>
    [DefaultValue("redact")]
    [JsonPropertyName("strategy")]
    public MaskingStrategy Strategy { get; set; } = MaskingStrategy.Redact;
}

/// <summary>
/// redact replaces the value with a fixed marker; partial keeps the last characters (<c>****1111</c>, <c>a***@example.com</c>);
/// hash replaces it with a keyed hash, so equal values stay joinable without being readable.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<MaskingStrategy>))]
public enum MaskingStrategy
{
    [JsonStringEnumMemberName("redact")]
    Redact,

    [JsonStringEnumMemberName("partial")]
    Partial,

    [JsonStringEnumMemberName("hash")]
    Hash,
}

/// <summary>The kinds of sensitive content the gateway recognises.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DetectorType>))]
public enum DetectorType
{
    [JsonStringEnumMemberName("email")]
    Email,

    [JsonStringEnumMemberName("creditCard")]
    CreditCard,

    [JsonStringEnumMemberName("usSsn")]
    UsSsn,

    [JsonStringEnumMemberName("iban")]
    Iban,

    /// <summary>Phone numbers in E.164 form (<c>+14155550123</c>).</summary>
    [JsonStringEnumMemberName("phone")]
    Phone,

    /// <summary>IPv4 and IPv6 addresses.</summary>
    [JsonStringEnumMemberName("ipAddress")]
    IpAddress,

    /// <summary>JSON Web Tokens (three base64url parts whose header names an algorithm).</summary>
    [JsonStringEnumMemberName("jwt")]
    Jwt,

    /// <summary>Well-known API key and secret shapes (AWS access keys, GitHub, Slack, Stripe, Google keys, PEM private keys).</summary>
    [JsonStringEnumMemberName("apiKey")]
    ApiKey,
}

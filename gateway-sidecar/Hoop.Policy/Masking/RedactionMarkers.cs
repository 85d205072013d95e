using Hoop.Api.V1Alpha1;

namespace Hoop.Policy.Masking;

/// <summary>
/// The fixed text that replaces a redacted value: <c>[REDACTED]</c> for a column rule or for overlapping detections of
/// different kinds, <c>[REDACTED:type]</c> (the detector's name as written in the Connection) for one kind of content.
/// A marker never depends on the value it replaces.
/// </summary>
internal static class RedactionMarkers
{
    public static ReadOnlySpan<byte> Column => "[REDACTED]"u8;

    public static ReadOnlySpan<byte> For(DetectorType type) => type switch
    {
        DetectorType.Email => "[REDACTED:email]"u8,
        DetectorType.CreditCard => "[REDACTED:creditCard]"u8,
        DetectorType.UsSsn => "[REDACTED:usSsn]"u8,
        DetectorType.Iban => "[REDACTED:iban]"u8,
        DetectorType.Phone => "[REDACTED:phone]"u8,
        DetectorType.IpAddress => "[REDACTED:ipAddress]"u8,
        DetectorType.Jwt => "[REDACTED:jwt]"u8,
        DetectorType.ApiKey => "[REDACTED:apiKey]"u8,
        _ => "[REDACTED]"u8,
    };
}

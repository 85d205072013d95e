using Hoop.Api.V1Alpha1;

namespace Hoop.Policy.Masking.Detectors;

/// <summary>The detector for each <see cref="DetectorType"/>, and the recognition of a whole value for partial masking.</summary>
internal static class DetectorCatalog
{
    public static bool IsKnown(DetectorType type) => type is >= DetectorType.Email and <= DetectorType.ApiKey;

    public static SensitiveContentDetector For(DetectorType type) => type switch
    {
        DetectorType.Email => EmailDetector.Instance,
        DetectorType.CreditCard => CreditCardDetector.Instance,
        DetectorType.UsSsn => UsSsnDetector.Instance,
        DetectorType.Iban => IbanDetector.Instance,
        DetectorType.Phone => PhoneDetector.Instance,
        DetectorType.IpAddress => IpAddressDetector.Instance,
        DetectorType.Jwt => JwtDetector.Instance,
        DetectorType.ApiKey => ApiKeyDetector.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown detector type."),
    };

    /// <summary>
    /// The type whose partial format fits a whole column value (an email column shows <c>j***@example.com</c>), whether
    /// or not that detector is enabled; null when the value is none of the types that have their own format.
    /// </summary>
    public static DetectorType? ClassifyWhole(ReadOnlySpan<byte> value)
    {
        var profile = TextProfile.Of(value);
        if (EmailDetector.Instance.MatchesWhole(value, profile))
        {
            return DetectorType.Email;
        }

        if (CreditCardDetector.Instance.MatchesWhole(value, profile))
        {
            return DetectorType.CreditCard;
        }

        if (UsSsnDetector.Instance.MatchesWhole(value, profile))
        {
            return DetectorType.UsSsn;
        }

        if (IbanDetector.Instance.MatchesWhole(value, profile))
        {
            return DetectorType.Iban;
        }

        return PhoneDetector.Instance.MatchesWhole(value, profile) ? DetectorType.Phone : null;
    }
}

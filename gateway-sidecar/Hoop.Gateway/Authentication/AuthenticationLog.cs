using Microsoft.Extensions.Logging;

namespace Hoop.Gateway.Authentication;

/// <summary>What authentication logs. No message takes the token: only user names, reasons and counts.</summary>
internal static partial class AuthenticationLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Authenticated {User} by {Method}")]
    public static partial void Authenticated(ILogger logger, string user, string method);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Authentication refused: {Reason}")]
    public static partial void Refused(ILogger logger, string reason);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "The TokenReview failed ({ErrorType}: {Detail}); refusing the login")]
    public static partial void TokenReviewFailed(ILogger logger, string errorType, string detail);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "Could not fetch the signing keys of OIDC issuer {Issuer}: {Detail}")]
    public static partial void SigningKeysUnavailable(ILogger logger, string issuer, string detail);

    [LoggerMessage(EventId = 104, Level = LogLevel.Information, Message = "Fetched {Count} signing keys of OIDC issuer {Issuer}")]
    public static partial void SigningKeysFetched(ILogger logger, int count, string issuer);

    [LoggerMessage(EventId = 105, Level = LogLevel.Debug, Message = "Authenticated {User} from the cache")]
    public static partial void CacheHit(ILogger logger, string user);
}

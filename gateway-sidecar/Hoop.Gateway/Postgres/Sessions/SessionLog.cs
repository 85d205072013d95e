using Microsoft.Extensions.Logging;

namespace Hoop.Gateway.Postgres.Sessions;

internal static partial class SessionLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Session {Session}: {User} connected to {Connection}")]
    public static partial void SessionStarted(this ILogger logger, string session, string user, string connection);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {Session} lost its connection: {Reason}")]
    public static partial void SessionLost(this ILogger logger, string session, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Authentication to {Connection} from {Client} failed: {Reason}")]
    public static partial void AuthenticationFailed(this ILogger logger, string connection, string client, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Session {Session}: the gateway's login to the target of {Connection} failed ({SqlState}): {Reason}")]
    public static partial void BackendLoginFailed(this ILogger logger, string session, string connection, string sqlState, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Session {Session}: its recording could not be completed: {Reason}")]
    public static partial void RecordingFailed(this ILogger logger, string session, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shutting down: waiting up to {Timeout} for {Sessions} open session(s) to finish")]
    public static partial void LogDraining(this ILogger logger, int sessions, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Error, Message = "Session {Session} failed unexpectedly and was closed")]
    public static partial void LogSessionCrashed(this ILogger logger, Exception exception, string session);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {Session}: AccessRequest {Request} could not be cancelled: {Reason}")]
    public static partial void RequestNotCancelled(this ILogger logger, string session, string request, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {Session} on {Connection}: result columns are redacted, their source is unknown: {Reason}")]
    public static partial void CatalogUnreadable(this ILogger logger, string session, string connection, string reason);
}

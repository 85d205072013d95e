using Microsoft.Extensions.Logging;

namespace Hoop.Operator.Leadership;

internal static partial class LeaderElectionLog
{
    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "{Identity} became the leader (lease {Namespace}/{Lease})")]
    public static partial void Acquired(this ILogger logger, string identity, string @namespace, string lease);

    [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "{Identity} lost the leadership: the lease was not renewed within {Deadline}")]
    public static partial void Lost(this ILogger logger, string identity, TimeSpan deadline);

    [LoggerMessage(EventId = 203, Level = LogLevel.Information, Message = "{Identity} released the lease")]
    public static partial void Released(this ILogger logger, string identity);

    [LoggerMessage(EventId = 204, Level = LogLevel.Debug, Message = "{Identity} could not acquire or renew the lease")]
    public static partial void AttemptFailed(this ILogger logger, Exception exception, string identity);

    [LoggerMessage(EventId = 205, Level = LogLevel.Debug, Message = "The lease is held by {Holder}")]
    public static partial void HeldByOther(this ILogger logger, string holder);
}

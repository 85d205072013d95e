using System.Net;
using Microsoft.Extensions.Logging;

namespace Hoop.Gateway.Hosting;

internal static partial class HostingLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Serving Connection {Connection}: {Policies} policies govern it ({Broken} broken)")]
    public static partial void Serving(this ILogger logger, string connection, int policies, int broken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not serving Connection {Connection}: {Problem}")]
    public static partial void NotServing(this ILogger logger, string connection, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the gateway's Secrets failed; keeping the last view")]
    public static partial void SecretsUnreadable(this ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The liveness Lease {Lease} was not renewed; the operator will report the gateway unavailable if this lasts")]
    public static partial void LeaseNotRenewed(this ILogger logger, Exception exception, string lease);

    [LoggerMessage(Level = LogLevel.Information, Message = "Gateway for Connection {Connection} listening on {Endpoint}")]
    public static partial void Listening(this ILogger logger, string connection, IPEndPoint endpoint);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} replay log(s) older than the retention of {Retention}")]
    public static partial void RecordingsExpired(this ILogger logger, int count, TimeSpan retention);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweeping expired replay logs failed; the next sweep tries again")]
    public static partial void RecordingsNotSwept(this ILogger logger, Exception exception);
}

using Hoop.Kube.Informers;
using Microsoft.Extensions.Logging;

namespace Hoop.Operator.Controllers;

internal static partial class ControllerLog
{
    [LoggerMessage(EventId = 101, Level = LogLevel.Error, Message = "Reconciling {Kind} {Key} failed; retry {Attempt} follows with backoff")]
    public static partial void ReconcileFailed(this ILogger logger, Exception exception, string kind, ObjectKey key, int attempt);

    [LoggerMessage(EventId = 102, Level = LogLevel.Debug, Message = "Reconciled {Kind} {Key}")]
    public static partial void Reconciled(this ILogger logger, string kind, ObjectKey key);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "The {Kind} controller is stopping; waiting up to {Timeout} for reconciles in flight")]
    public static partial void Draining(this ILogger logger, string kind, TimeSpan timeout);

    [LoggerMessage(EventId = 104, Level = LogLevel.Warning, Message = "The {Kind} controller's reconciles in flight did not finish within {Timeout}; they were cancelled")]
    public static partial void DrainTimedOut(this ILogger logger, string kind, TimeSpan timeout);

    [LoggerMessage(EventId = 105, Level = LogLevel.Error, Message = "Mapping a {Kind} event to the keys it concerns threw")]
    public static partial void MapFailed(this ILogger logger, Exception exception, string kind);
}

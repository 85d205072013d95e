using Microsoft.Extensions.Logging;

namespace Hoop.Kube.Informers;

internal static partial class InformerLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Listed {Count} {Resource} at resourceVersion {ResourceVersion}")]
    public static partial void Listed(this ILogger logger, int count, ResourceDescriptor resource, string resourceVersion);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Watching {Resource} from resourceVersion {ResourceVersion}")]
    public static partial void Watching(this ILogger logger, ResourceDescriptor resource, string resourceVersion);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "The watch of {Resource} expired at resourceVersion {ResourceVersion}; listing again")]
    public static partial void Expired(this ILogger logger, ResourceDescriptor resource, string? resourceVersion);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Listing or watching {Resource} failed; retrying in {Delay}")]
    public static partial void Failed(this ILogger logger, Exception exception, ResourceDescriptor resource, TimeSpan delay);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "The watch of {Resource} reported an error")]
    public static partial void WatchError(this ILogger logger, Exception exception, ResourceDescriptor resource);

    [LoggerMessage(EventId = 6, Level = LogLevel.Error, Message = "An event handler of {Resource} threw")]
    public static partial void HandlerFailed(this ILogger logger, Exception exception, ResourceDescriptor resource);
}

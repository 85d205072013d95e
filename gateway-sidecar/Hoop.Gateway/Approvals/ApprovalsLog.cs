using Microsoft.Extensions.Logging;

namespace Hoop.Gateway.Approvals;

internal static partial class ApprovalsLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "AccessRequest {Namespace}/{Name} was no longer Executing when its result was written; the result is in the recording only")]
    public static partial void ResultNotRecorded(this ILogger logger, string @namespace, string name);
}

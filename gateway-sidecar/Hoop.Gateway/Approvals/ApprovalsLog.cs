using Microsoft.Extensions.Logging;

namespace Hoop.Gateway.Approvals;

internal static partial class ApprovalsLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "AccessRequest {Namespace}/{Name} was no longer Executing when its result was written; the result is in the recording only")]
    public static partial void ResultNotRecorded(this ILogger logger, string @namespace, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "AccessRequest {Name} not run yet: {Problem}")]
    public static partial void ExecutionDeferred(this ILogger logger, string name, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "AccessRequest {Name} executed (succeeded: {Succeeded}, rows: {Rows})")]
    public static partial void Executed(this ILogger logger, string name, bool succeeded, long? rows);

    [LoggerMessage(Level = LogLevel.Error, Message = "AccessRequest {Name}: its execution could not be recorded in the API")]
    public static partial void ExecutionFailed(this ILogger logger, Exception exception, string name);
}

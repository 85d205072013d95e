using Microsoft.Extensions.Logging;

namespace Hoop.Operator.Webhooks;

/// <summary>What the webhooks log. Names and decisions only: never tokens, never object contents.</summary>
internal static partial class WebhookLog
{
    [LoggerMessage(1, LogLevel.Information, "Webhook server listening on {Url}")]
    public static partial void Listening(ILogger logger, string url);

    [LoggerMessage(2, LogLevel.Debug, "{Path}: allowed {Operation} {Resource} {Namespace}/{Name} by {User}")]
    public static partial void Allowed(ILogger logger, string path, string operation, string resource, string? @namespace, string name, string user);

    [LoggerMessage(3, LogLevel.Information, "{Path}: refused {Operation} {Resource} {Namespace}/{Name} by {User}: {Reason}")]
    public static partial void Refused(ILogger logger, string path, string operation, string resource, string? @namespace, string name, string user, string? reason);

    [LoggerMessage(4, LogLevel.Error, "{Path}: could not decide on {Operation} {Resource} {Namespace}/{Name} by {User}; refused")]
    public static partial void Failed(ILogger logger, Exception exception, string path, string operation, string resource, string? @namespace, string name, string user);

    [LoggerMessage(5, LogLevel.Warning, "{Path}: malformed AdmissionReview: {Reason}")]
    public static partial void Malformed(ILogger logger, string path, string reason);

    [LoggerMessage(6, LogLevel.Information, "Webhook serving certificate {Action} in Secret {Namespace}/{Name}, valid until {NotAfter:O}")]
    public static partial void Certificate(ILogger logger, string action, string @namespace, string name, DateTimeOffset notAfter);

    [LoggerMessage(7, LogLevel.Information, "Registered {Kind} {Name} calling {Target}")]
    public static partial void Registered(ILogger logger, string kind, string name, string target);
}

using System.Globalization;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Hoop.Operator.Events;

/// <summary>
/// Records core v1 Events about the objects the operator decides on, for <c>kubectl describe</c> and alerting.
/// Best effort: a failed Event is logged, never retried, and never fails a reconcile whose status write succeeded.
/// Callers keep operation text (SQL, commands) out of messages: it may carry secrets or personal data.
/// </summary>
internal sealed partial class EventRecorder(IKubernetes client, TimeProvider time, ILogger<EventRecorder> logger)
{
    public const string Component = "hoop-operator";
    public const string Normal = "Normal";
    public const string Warning = "Warning";

    private readonly string _instance = Environment.GetEnvironmentVariable("POD_NAME") ?? Environment.MachineName;

    public async Task RecordAsync(IKubernetesObject<V1ObjectMeta> regarding, string type, string reason, string message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(regarding);
        var now = time.GetUtcNow().UtcDateTime;
        var metadata = regarding.Metadata;
        var ns = string.IsNullOrEmpty(metadata.NamespaceProperty) ? "default" : metadata.NamespaceProperty;
        var @event = new Corev1Event
        {
            ApiVersion = "v1",
            Kind = "Event",
            Metadata = new V1ObjectMeta
            {
                // Kubernetes' own recorders name events <object>.<unique hex>.
                Name = $"{metadata.Name}.{now.Ticks.ToString("x", CultureInfo.InvariantCulture)}{Random.Shared.Next(0x10000):x4}",
                NamespaceProperty = ns,
            },
            InvolvedObject = new V1ObjectReference
            {
                ApiVersion = regarding.ApiVersion,
                Kind = regarding.Kind,
                Name = metadata.Name,
                NamespaceProperty = metadata.NamespaceProperty,
                Uid = metadata.Uid,
                ResourceVersion = metadata.ResourceVersion,
            },
            Reason = reason,
            Message = message,
            Type = type,
            Count = 1,
            FirstTimestamp = now,
            LastTimestamp = now,
            Source = new V1EventSource { Component = Component },
            ReportingComponent = Component,
            ReportingInstance = _instance,
        };

        try
        {
            await client.CoreV1.CreateNamespacedEventAsync(@event, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogEventFailed(logger, e, regarding.Kind, metadata.Name, reason);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the {Reason} Event on {Kind} {Name}")]
    private static partial void LogEventFailed(ILogger logger, Exception exception, string kind, string name, string reason);
}

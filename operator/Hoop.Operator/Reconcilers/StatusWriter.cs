using System.Net;
using System.Text.Json.Nodes;
using Hoop.Api;
using Hoop.Kube.Informers;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Hoop.Operator.Reconcilers;

/// <summary>Writes the status subresource of a hoop object with a JSON merge patch, and recognises the API errors reconcilers act on.</summary>
internal static class StatusWriter
{
    /// <summary>
    /// Merge-patches <c>status</c> with the given fields (a null value removes a field). With a resourceVersion the
    /// write is conditional: the API server answers 409 when the object changed since it was read.
    /// </summary>
    public static Task PatchAsync(IKubernetes client, ResourceKind kind, ObjectKey target, JsonObject status, string? resourceVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(kind);
        var body = new JsonObject { ["status"] = status };
        if (resourceVersion is not null)
        {
            body["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion };
        }

        return client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
            new V1Patch(body.ToJsonString(), V1Patch.PatchType.MergePatch),
            HoopApiGroup.Group, HoopApiGroup.Version, target.Namespace, kind.Plural, target.Name,
            fieldManager: WellKnownLabels.ManagedByOperator, cancellationToken: cancellationToken);
    }

    /// <summary>A value as the API would store it, so stored and computed statuses compare equal.</summary>
    public static JsonNode? ToNode(object? value) => value is null ? null : JsonNode.Parse(KubernetesJson.Serialize(value));

    /// <summary>A time as Kubernetes writes it (RFC 3339, UTC, whole seconds), so stored and computed times compare equal.</summary>
    public static JsonNode? Time(DateTime? time) => time is { } t
        ? JsonValue.Create((t.Kind == DateTimeKind.Local ? t.ToUniversalTime() : t).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture))
        : null;

    public static bool IsNotFound(Exception exception) =>
        exception is HttpOperationException { Response.StatusCode: HttpStatusCode.NotFound };

    public static bool IsConflict(Exception exception) =>
        exception is HttpOperationException { Response.StatusCode: HttpStatusCode.Conflict };
}


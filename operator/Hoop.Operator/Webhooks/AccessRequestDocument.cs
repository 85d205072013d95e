using System.Text.Json.Nodes;
using Hoop.Api;

namespace Hoop.Operator.Webhooks;

/// <summary>
/// Typed reads of an AccessRequest as the API server sent it. The webhooks work on the JSON itself, not on the C#
/// types, so that a field those types do not know is compared too rather than silently dropped.
/// </summary>
internal sealed class AccessRequestDocument(JsonObject? obj)
{
    public JsonObject? Spec => obj?["spec"] as JsonObject;

    public JsonObject? Status => obj?["status"] as JsonObject;

    public JsonObject? Requester => Spec?["requester"] as JsonObject;

    public string? RequesterUsername => Text(Requester?["username"]);

    public string? ConnectionName => Text(Spec?["connectionRef"]?["name"]);

    public bool BreakGlass => Spec?["breakGlass"] is JsonValue value && value.TryGetValue<bool>(out var b) && b;

    public string? Reason => Text(Spec?["reason"]);

    public string? Phase => Text(Status?["phase"]);

    public string? Policy => Text(Status?["policy"]);

    /// <summary>status.reviews; empty when absent.</summary>
    public IReadOnlyList<JsonNode?> Reviews => Status?["reviews"] as JsonArray is { } reviews ? [.. reviews] : [];

    /// <summary>Whether this write is about our resource at all: hoop.dev accessrequests, any version.</summary>
    public static bool IsAccessRequest(AdmissionRequest request) =>
        request.Group == HoopApiGroup.Group && request.Resource == ResourceKind.AccessRequest.Plural;

    /// <summary>The status fields other than reviews whose values differ between the two documents, as <c>status.x</c>.</summary>
    public static IReadOnlyList<string> ChangedStatusFields(AccessRequestDocument old, AccessRequestDocument next)
    {
        var before = old.Status ?? [];
        var after = next.Status ?? [];
        return [.. before.Select(p => p.Key).Union(after.Select(p => p.Key), StringComparer.Ordinal)
            .Where(key => key != "reviews" && !JsonNode.DeepEquals(before[key], after[key]))
            .Order(StringComparer.Ordinal)
            .Select(key => "status." + key)];
    }

    public static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
}

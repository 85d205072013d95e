using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hoop.Operator.Webhooks;

/// <summary>
/// The <c>request</c> of an AdmissionReview v1: which operation on which resource, by whom, with the new and old object.
/// </summary>
internal sealed record AdmissionRequest(
    string Uid,
    string Group,
    string Version,
    string Kind,
    string Resource,
    string? SubResource,
    string Operation,
    string? Namespace,
    string? Name,
    AdmissionUser User,
    JsonObject? Object,
    JsonObject? OldObject,
    bool DryRun)
{
    public const string ApiVersion = "admission.k8s.io/v1";

    /// <summary>The object's name, from the request or, for a create with generateName, from the object.</summary>
    public string ObjectName =>
        Name is { Length: > 0 } name ? name
        : Object?["metadata"]?["name"]?.GetValue<string>() is { Length: > 0 } fromObject ? fromObject
        : Object?["metadata"]?["generateName"]?.GetValue<string>() is { Length: > 0 } prefix ? prefix + "*"
        : "(unnamed)";

    /// <summary>Reads an AdmissionReview v1 body; throws <see cref="AdmissionReviewFormatException"/> when it is not one.</summary>
    public static AdmissionRequest Parse(ReadOnlySpan<byte> body)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body);
        }
        catch (JsonException e)
        {
            throw new AdmissionReviewFormatException($"the body is not JSON: {e.Message}", e);
        }

        return Parse(root);
    }

    public static AdmissionRequest Parse(JsonNode? root)
    {
        try
        {
            if (root is not JsonObject review)
            {
                throw new AdmissionReviewFormatException("the body is not a JSON object");
            }

            if (String(review, "apiVersion") != ApiVersion || String(review, "kind") != "AdmissionReview")
            {
                throw new AdmissionReviewFormatException($"expected an AdmissionReview of {ApiVersion}, got kind \"{String(review, "kind")}\" of \"{String(review, "apiVersion")}\"");
            }

            if (review["request"] is not JsonObject request)
            {
                throw new AdmissionReviewFormatException("the AdmissionReview has no request");
            }

            var uid = String(request, "uid") is { Length: > 0 } u ? u : throw new AdmissionReviewFormatException("request.uid is missing");
            var operation = String(request, "operation") is { Length: > 0 } o ? o : throw new AdmissionReviewFormatException("request.operation is missing");
            var kind = request["kind"] as JsonObject ?? throw new AdmissionReviewFormatException("request.kind is missing");
            var resource = request["resource"] as JsonObject ?? throw new AdmissionReviewFormatException("request.resource is missing");
            var userInfo = request["userInfo"] as JsonObject ?? throw new AdmissionReviewFormatException("request.userInfo is missing");
            return new AdmissionRequest(
                uid,
                String(resource, "group") ?? "",
                String(resource, "version") ?? "",
                String(kind, "kind") ?? "",
                String(resource, "resource") is { Length: > 0 } r ? r : throw new AdmissionReviewFormatException("request.resource.resource is missing"),
                String(request, "subResource") is { Length: > 0 } sub ? sub : null,
                operation,
                String(request, "namespace") is { Length: > 0 } ns ? ns : null,
                String(request, "name") is { Length: > 0 } name ? name : null,
                ParseUser(userInfo),
                ObjectOrNull(request, "object"),
                ObjectOrNull(request, "oldObject"),
                request["dryRun"]?.GetValue<bool>() ?? false);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            // GetValue on a node of the wrong JSON type.
            throw new AdmissionReviewFormatException($"the AdmissionReview has a field of the wrong type: {e.Message}", e);
        }
    }

    private static AdmissionUser ParseUser(JsonObject userInfo)
    {
        var username = String(userInfo, "username") is { Length: > 0 } u ? u : throw new AdmissionReviewFormatException("request.userInfo.username is missing");
        var groups = userInfo["groups"]?.AsArray().Select(g => g?.GetValue<string>() ?? "").ToArray() ?? [];
        var extra = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (key, values) in userInfo["extra"]?.AsObject() ?? [])
        {
            extra[key] = values?.AsArray().Select(v => v?.GetValue<string>() ?? "").ToArray() ?? [];
        }

        return new AdmissionUser(username, String(userInfo, "uid") is { Length: > 0 } uid ? uid : null, groups, extra);
    }

    private static string? String(JsonObject obj, string property) => obj[property]?.GetValue<string>();

    private static JsonObject? ObjectOrNull(JsonObject request, string property) => request[property] switch
    {
        null => null,
        JsonObject obj => obj,
        _ => throw new AdmissionReviewFormatException($"request.{property} is not an object"),
    };
}

using System.Text.Json.Nodes;

namespace Hoop.LocalKube.Http;

/// <summary>
/// A <c>Status</c> failure, worded as the API server words it, with its HTTP code. Thrown inside request handling and
/// written by the endpoint wrapper, so a handler stops at the first problem.
/// </summary>
internal sealed class ApiStatus(int code, string reason, string message, JsonObject? details = null) : Exception(message)
{
    public int Code { get; } = code;

    public string Reason { get; } = reason;

    public JsonObject? Details { get; } = details;

    public JsonObject ToJson() => Failure(Code, Reason, Message, Details);

    public static JsonObject Failure(int code, string reason, string message, JsonObject? details = null)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
        };
        if (details is not null)
        {
            status["details"] = details;
        }

        status["code"] = code;
        return status;
    }

    public static ApiStatus NotFound(string qualifiedResource, string name, string group, string kind) =>
        new(404, "NotFound", $"{qualifiedResource} \"{name}\" not found", DetailsFor(name, group, kind));

    public static ApiStatus AlreadyExists(string qualifiedResource, string name, string group, string kind) =>
        new(409, "AlreadyExists", $"{qualifiedResource} \"{name}\" already exists", DetailsFor(name, group, kind));

    public static ApiStatus Conflict(string qualifiedResource, string name, string group, string kind) =>
        new(409, "Conflict",
            $"Operation cannot be fulfilled on {qualifiedResource} \"{name}\": the object has been modified; please apply your changes to the latest version and try again",
            DetailsFor(name, group, kind));

    public static ApiStatus BadRequest(string message) => new(400, "BadRequest", message);

    public static ApiStatus MethodNotAllowed(string message) => new(405, "MethodNotAllowed", message);

    public static ApiStatus UnsupportedMediaType(string message) => new(415, "UnsupportedMediaType", message);

    public static ApiStatus Expired(string message) => new(410, "Expired", message);

    /// <summary>422 Invalid, listing each field error as the API server does: <c>Kind "name" is invalid: [a, b]</c>.</summary>
    public static ApiStatus Invalid(string kind, string group, string name, IReadOnlyList<string> errors)
    {
        var details = DetailsFor(name, group, kind);
        details["causes"] = new JsonArray([.. errors.Select(e => (JsonNode)new JsonObject
        {
            ["reason"] = "FieldValueInvalid",
            ["message"] = e,
            ["field"] = e.Split(':')[0],
        })]);
        var list = errors.Count == 1 ? errors[0] : $"[{string.Join(", ", errors)}]";
        var qualifiedKind = group.Length == 0 ? kind : $"{kind}.{group}";
        return new ApiStatus(422, "Invalid", $"{qualifiedKind} \"{name}\" is invalid: {list}", details);
    }

    private static JsonObject DetailsFor(string name, string group, string kind) =>
        new() { ["name"] = name, ["group"] = group, ["kind"] = kind };
}

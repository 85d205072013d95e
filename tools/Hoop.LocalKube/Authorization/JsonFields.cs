using System.Text.Json.Nodes;

namespace Hoop.LocalKube.Authorization;

/// <summary>
/// Reads fields of stored API objects leniently: a missing or mistyped field reads as empty, the way Go's
/// zero values make the real authorizer treat it.
/// </summary>
internal static class JsonFields
{
    public static string Text(this JsonObject? parent, string property) =>
        parent?[property] is JsonValue value && value.TryGetValue<string>(out var text) ? text : "";

    public static IReadOnlyList<string> Texts(this JsonObject? parent, string property) =>
        parent?[property] is JsonArray array ? Texts(array) : [];

    public static IReadOnlyList<string> Texts(JsonArray array) =>
        [.. array.OfType<JsonValue>().Select(item => item.TryGetValue<string>(out var text) ? text : null).OfType<string>()];

    public static JsonObject? Object(this JsonObject? parent, string property) => parent?[property] as JsonObject;

    public static IEnumerable<JsonObject> Objects(this JsonObject? parent, string property) =>
        parent?[property] is JsonArray array ? array.OfType<JsonObject>() : [];

    public static IReadOnlyDictionary<string, string> TextMap(this JsonObject? parent, string property)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in parent.Object(property) ?? [])
        {
            if (value is JsonValue text && text.TryGetValue<string>(out var s))
            {
                map[key] = s;
            }
        }
        return map;
    }
}

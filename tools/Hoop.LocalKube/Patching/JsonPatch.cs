using System.Globalization;
using System.Text.Json.Nodes;

namespace Hoop.LocalKube.Patching;

/// <summary>
/// RFC 6902 JSON patch (add, remove, replace, move, copy, test) over RFC 6901 pointers. All or nothing: the patch runs
/// on a copy, and the first operation that does not apply fails the whole patch.
/// </summary>
internal static class JsonPatch
{
    public static PatchOutcome Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonArray operations)
        {
            return PatchOutcome.Fail("the JSON patch must be an array of operations");
        }

        var document = target?.DeepClone();
        for (var i = 0; i < operations.Count; i++)
        {
            if (operations[i] is not JsonObject operation || operation["op"]?.GetValueKind() != System.Text.Json.JsonValueKind.String
                || operation["path"]?.GetValueKind() != System.Text.Json.JsonValueKind.String)
            {
                return PatchOutcome.Fail($"operation {i}: an operation needs \"op\" and \"path\" strings");
            }

            var op = operation["op"]!.GetValue<string>();
            var path = operation["path"]!.GetValue<string>();
            var error = op switch
            {
                "add" => Add(ref document, path, operation["value"]?.DeepClone(), operation.ContainsKey("value")),
                "remove" => Remove(ref document, path, out _),
                "replace" => Remove(ref document, path, out _) ?? Add(ref document, path, operation["value"]?.DeepClone(), operation.ContainsKey("value")),
                "move" => Move(ref document, operation["from"]?.GetValue<string>(), path, copy: false),
                "copy" => Move(ref document, operation["from"]?.GetValue<string>(), path, copy: true),
                "test" => Test(document, path, operation["value"]),
                _ => $"unknown operation \"{op}\"",
            };
            if (error is not null)
            {
                return PatchOutcome.Fail($"operation {i} ({op} {path}): {error}");
            }
        }

        return new PatchOutcome(document, null);
    }

    private static string? Add(ref JsonNode? document, string path, JsonNode? value, bool hasValue)
    {
        if (!hasValue)
        {
            return "missing \"value\"";
        }

        if (path.Length == 0)
        {
            document = value;
            return null;
        }

        if (!TryParent(document, path, out var parent, out var last, out var error))
        {
            return error;
        }

        switch (parent)
        {
            case JsonObject obj:
                obj[last] = value;
                return null;
            case JsonArray array when last == "-":
                array.Add(value);
                return null;
            case JsonArray array when TryIndex(last, array.Count, out var index):
                array.Insert(index, value);
                return null;
            default:
                return "the path does not name a place in the document";
        }
    }

    private static string? Remove(ref JsonNode? document, string path, out JsonNode? removed)
    {
        removed = null;
        if (path.Length == 0)
        {
            removed = document;
            document = null;
            return null;
        }

        if (!TryParent(document, path, out var parent, out var last, out var error))
        {
            return error;
        }

        switch (parent)
        {
            case JsonObject obj when obj.ContainsKey(last):
                removed = obj[last];
                obj.Remove(last);
                return null;
            case JsonArray array when TryIndex(last, array.Count - 1, out var index):
                removed = array[index];
                array.RemoveAt(index);
                return null;
            default:
                return "the path does not exist";
        }
    }

    private static string? Move(ref JsonNode? document, string? from, string path, bool copy)
    {
        if (from is null)
        {
            return "missing \"from\"";
        }

        if (!copy && path.StartsWith(from + "/", StringComparison.Ordinal))
        {
            return "a value cannot be moved into itself";
        }

        if (!TryResolve(document, from, out var value))
        {
            return $"\"from\" {from} does not exist";
        }

        value = value?.DeepClone();
        if (!copy)
        {
            var removeError = Remove(ref document, from, out _);
            if (removeError is not null)
            {
                return removeError;
            }
        }

        return Add(ref document, path, value, hasValue: true);
    }

    private static string? Test(JsonNode? document, string path, JsonNode? expected) =>
        !TryResolve(document, path, out var actual) ? "the path does not exist"
        : JsonNode.DeepEquals(actual, expected) ? null
        : $"test failed: the value is {actual?.ToJsonString() ?? "null"}, not {expected?.ToJsonString() ?? "null"}";

    private static bool TryResolve(JsonNode? document, string path, out JsonNode? value)
    {
        value = document;
        if (path.Length == 0)
        {
            return true;
        }

        if (!path.StartsWith('/'))
        {
            return false;
        }

        foreach (var token in path[1..].Split('/').Select(Unescape))
        {
            switch (value)
            {
                case JsonObject obj when obj.ContainsKey(token):
                    value = obj[token];
                    break;
                case JsonArray array when TryIndex(token, array.Count - 1, out var index):
                    value = array[index];
                    break;
                default:
                    return false;
            }
        }

        return true;
    }

    private static bool TryParent(JsonNode? document, string path, out JsonNode? parent, out string last, out string? error)
    {
        parent = null;
        last = "";
        error = null;
        if (!path.StartsWith('/'))
        {
            error = "a path must start with '/'";
            return false;
        }

        var split = path.LastIndexOf('/');
        last = Unescape(path[(split + 1)..]);
        if (!TryResolve(document, path[..split], out parent) || parent is not (JsonObject or JsonArray))
        {
            error = "the parent of the path does not exist";
            return false;
        }

        return true;
    }

    private static bool TryIndex(string token, int max, out int index) =>
        int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out index) && (token == "0" || !token.StartsWith('0')) && index <= max;

    private static string Unescape(string token) => token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
}

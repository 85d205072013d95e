using System.Text.Json.Nodes;

namespace Hoop.LocalKube.Patching;

/// <summary>
/// Applies RFC 6902 JSON patches (add, remove, replace, move, copy, test) to a copy of an object, all or nothing:
/// when one operation fails the outcome carries the error and no changed document.
/// </summary>
internal static class JsonPatch
{
    private const int PreviewLength = 80;

    public static PatchOutcome Apply(JsonNode? document, string patch) =>
        PatchBody.TryParse(patch, out var parsed, out var error) ? Apply(document, parsed) : PatchOutcome.Malformed(error);

    public static PatchOutcome Apply(JsonNode? document, JsonNode? patch)
    {
        if (patch is not JsonArray operations)
        {
            return PatchOutcome.Malformed(
                $"a JSON patch must be an array of operations such as [{{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":3}}], but the body is {PatchBody.Describe(patch)}");
        }

        var parsed = new List<JsonPatchOperation>(operations.Count);
        for (var i = 0; i < operations.Count; i++)
        {
            if (!JsonPatchOperation.TryRead(operations[i], i, out var operation, out var failure))
            {
                return failure;
            }

            parsed.Add(operation);
        }

        // Operations run on a copy, so a failure half way leaves the caller's document as it was.
        var root = document?.DeepClone();
        foreach (var operation in parsed)
        {
            var reason = Apply(operation, ref root);
            if (reason is not null)
            {
                return JsonPatchOperation.Reject(operation.Label, reason);
            }
        }

        return PatchOutcome.Success(root);
    }

    private static string? Apply(JsonPatchOperation operation, ref JsonNode? root) => operation.Op switch
    {
        "add" => Add(ref root, operation.Path, operation.Value?.DeepClone()),
        "remove" => Remove(root, operation.Path, out _),
        "replace" => Replace(ref root, operation.Path, operation.Value?.DeepClone()),
        "move" => Move(ref root, operation.From!, operation.Path),
        "copy" => Copy(ref root, operation.From!, operation.Path),
        _ => Test(root, operation.Path, operation.Value),
    };

    private static string? Add(ref JsonNode? root, JsonPointer path, JsonNode? value)
    {
        if (path.IsRoot)
        {
            root = value;
            return null;
        }

        var parent = path.Parent;
        if (!parent.TryResolve(root, out var container))
        {
            return $"no value exists at \"{parent}\"; add it before adding inside it";
        }

        var token = path.LastToken;
        switch (container)
        {
            case JsonObject obj:
                obj[token] = value;
                return null;
            case JsonArray array when token == "-":
                array.Add(value);
                return null;
            case JsonArray array:
                if (!JsonPointer.TryParseIndex(token, out var index))
                {
                    return $"\"{token}\" is not an index into the array at \"{parent}\"; use a number, or \"-\" to append";
                }

                if (index > array.Count)
                {
                    return $"index {token} is out of range for the array at \"{parent}\", which has {array.Count} elements";
                }

                array.Insert(index, value);
                return null;
            default:
                return $"the value at \"{parent}\" is {PatchBody.Describe(container)}, so nothing can be added inside it";
        }
    }

    private static string? Remove(JsonNode? root, JsonPointer path, out JsonNode? removed)
    {
        removed = null;
        if (path.IsRoot)
        {
            return "the whole document cannot be removed";
        }

        var parent = path.Parent;
        parent.TryResolve(root, out var container);
        switch (container)
        {
            case JsonObject obj when obj.TryGetPropertyValue(path.LastToken, out removed):
                obj.Remove(path.LastToken);
                return null;
            case JsonArray array when JsonPointer.TryParseIndex(path.LastToken, out var index) && index < array.Count:
                removed = array[index];
                array.RemoveAt(index);
                return null;
            default:
                return $"no value exists at \"{path}\", so there is nothing to remove";
        }
    }

    private static string? Replace(ref JsonNode? root, JsonPointer path, JsonNode? value)
    {
        if (path.IsRoot)
        {
            root = value;
            return null;
        }

        if (!path.TryResolve(root, out _))
        {
            return $"no value exists at \"{path}\", so there is nothing to replace; use \"add\" to create it";
        }

        path.Parent.TryResolve(root, out var container);
        if (container is JsonArray array && JsonPointer.TryParseIndex(path.LastToken, out var index))
        {
            array[index] = value;
        }
        else
        {
            container!.AsObject()[path.LastToken] = value;
        }

        return null;
    }

    private static string? Move(ref JsonNode? root, JsonPointer from, JsonPointer path)
    {
        if (!from.TryResolve(root, out _))
        {
            return $"no value exists at \"{from}\", so there is nothing to move";
        }

        if (from.IsProperPrefixOf(path))
        {
            return $"\"{from}\" cannot be moved into its own child \"{path}\"";
        }

        if (from.Text == path.Text)
        {
            return null;
        }

        return Remove(root, from, out var value) ?? Add(ref root, path, value);
    }

    private static string? Copy(ref JsonNode? root, JsonPointer from, JsonPointer path) =>
        from.TryResolve(root, out var value)
            ? Add(ref root, path, value?.DeepClone())
            : $"no value exists at \"{from}\", so there is nothing to copy";

    private static string? Test(JsonNode? root, JsonPointer path, JsonNode? expected)
    {
        if (!path.TryResolve(root, out var actual))
        {
            return $"no value exists at \"{path}\" to test";
        }

        // DeepEquals compares numbers by value (1 equals 1.0) and objects regardless of member order, as RFC 6902 asks.
        return JsonNode.DeepEquals(actual, expected)
            ? null
            : $"the value at \"{path}\" is {Preview(actual)}, not {Preview(expected)}";
    }

    private static string Preview(JsonNode? node)
    {
        var json = node?.ToJsonString() ?? "null";
        return json.Length <= PreviewLength ? json : string.Concat(json.AsSpan(0, PreviewLength), "...");
    }
}

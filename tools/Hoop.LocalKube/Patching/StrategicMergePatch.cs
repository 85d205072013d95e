using System.Text.Json.Nodes;

namespace Hoop.LocalKube.Patching;

/// <summary>
/// Strategic merge patch for built-in types, as far as this server needs it: maps merge like a merge patch, and lists
/// named in <see cref="MergeKeys"/> merge element by element on their key; <c>$patch: delete</c> removes an element.
/// Other lists replace.
/// </summary>
internal static class StrategicMergePatch
{
    /// <summary>List fields that merge by a key, and the key.</summary>
    public static IReadOnlyDictionary<string, string> MergeKeys { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["containers"] = "name",
        ["initContainers"] = "name",
        ["env"] = "name",
        ["volumes"] = "name",
        ["volumeMounts"] = "mountPath",
        ["imagePullSecrets"] = "name",
        ["conditions"] = "type",
        ["ownerReferences"] = "uid",
    };

    public static PatchOutcome Apply(JsonNode? target, JsonNode? patch) =>
        patch is JsonObject ? new(Merge(target?.DeepClone() as JsonObject ?? [], patch.AsObject()), null) : PatchOutcome.Fail("a strategic merge patch must be a JSON object");

    private static JsonObject Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch)
        {
            if (key.StartsWith('$'))
            {
                continue;
            }

            if (value is null)
            {
                target.Remove(key);
            }
            else if (value is JsonObject child)
            {
                target[key] = Merge(target[key] as JsonObject ?? [], child);
            }
            else if (value is JsonArray items && MergeKeys.TryGetValue(key, out var mergeKey) && target[key] is JsonArray existing)
            {
                target[key] = MergeList(existing, items, mergeKey);
            }
            else if (key == "finalizers" && value is JsonArray finalizers && target[key] is JsonArray current)
            {
                target[key] = new JsonArray([.. current.Concat(finalizers).Select(f => f!.GetValue<string>()).Distinct().Select(f => (JsonNode)f)]);
            }
            else
            {
                target[key] = value.DeepClone();
            }
        }

        return target;
    }

    private static JsonArray MergeList(JsonArray existing, JsonArray patch, string mergeKey)
    {
        var result = new JsonArray([.. existing.Select(e => e?.DeepClone())]);
        foreach (var item in patch.OfType<JsonObject>())
        {
            var key = item[mergeKey]?.ToJsonString();
            var match = result.OfType<JsonObject>().FirstOrDefault(e => e[mergeKey]?.ToJsonString() == key);
            if (item["$patch"]?.GetValue<string>() == "delete")
            {
                if (match is not null)
                {
                    result.Remove(match);
                }
            }
            else if (match is not null)
            {
                Merge(match, item);
            }
            else
            {
                result.Add(Merge([], item));
            }
        }

        return result;
    }
}

using System.Text.Json.Nodes;

namespace Hoop.LocalKube.Patching;

/// <summary>RFC 7386 JSON merge patch: objects merge recursively, <c>null</c> deletes, everything else replaces.</summary>
internal static class MergePatch
{
    public static PatchOutcome Apply(JsonNode? target, JsonNode? patch) => new(Merge(target?.DeepClone(), patch), null);

    private static JsonNode? Merge(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target as JsonObject ?? [];
        foreach (var (key, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(key);
            }
            else
            {
                result[key] = Merge(result[key]?.DeepClone(), value);
            }
        }

        return result;
    }
}

using System.Text.Json.Nodes;

namespace Hoop.LocalKube.Patching;

/// <summary>
/// Applies RFC 7386 JSON merge patches: objects merge member by member, <c>null</c> deletes a member,
/// and anything else (arrays, strings, numbers) replaces what was there. A patch that is not an object replaces the whole target.
/// </summary>
internal static class MergePatch
{
    public static PatchOutcome Apply(JsonNode? target, string patch) =>
        PatchBody.TryParse(patch, out var parsed, out var error) ? Apply(target, parsed) : PatchOutcome.Malformed(error);

    public static PatchOutcome Apply(JsonNode? target, JsonNode? patch) => PatchOutcome.Success(Merge(target?.DeepClone(), patch));

    /// <summary>RFC 7386 section 2, on a <paramref name="target"/> this call may change; values from the patch are copied.</summary>
    private static JsonNode? Merge(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target as JsonObject ?? [];
        foreach (var (name, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(name);
            }
            else if (value is JsonObject && result.TryGetPropertyValue(name, out var current) && current is JsonObject)
            {
                // Merged in place, so the member keeps its position in the object.
                Merge(current, value);
            }
            else
            {
                result[name] = Merge(null, value);
            }
        }

        return result;
    }
}

using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;

namespace Hoop.LocalKube.Patching;

/// <summary>One checked operation of an RFC 6902 JSON patch; <see cref="Label"/> names it in errors.</summary>
internal sealed record JsonPatchOperation(int Index, string Op, JsonPointer Path, JsonPointer? From, JsonNode? Value)
{
    private static readonly string[] KnownOps = ["add", "remove", "replace", "move", "copy", "test"];

    /// <summary>How errors name the operation: its index in the patch array, its op and its path.</summary>
    public string Label => $"patch[{Index}] ({Op} \"{Path}\")";

    /// <summary>Checks that <paramref name="element"/> is a complete operation; a failure is already worded for the client.</summary>
    public static bool TryRead(JsonNode? element, int index, [NotNullWhen(true)] out JsonPatchOperation? operation, [NotNullWhen(false)] out PatchOutcome? failure)
    {
        operation = null;
        failure = null;
        if (element is not JsonObject fields)
        {
            failure = PatchOutcome.Malformed(
                $"patch[{index}] is {PatchBody.Describe(element)}, but each JSON patch operation must be an object such as {{\"op\":\"add\",\"path\":\"/a\",\"value\":1}}");
            return false;
        }

        var label = $"patch[{index}]";
        if (!TryReadString(fields, "op", out var op))
        {
            failure = Reject(label, "the operation has no \"op\" string; use one of add, remove, replace, move, copy, test");
            return false;
        }

        label = $"patch[{index}] ({op})";
        if (!KnownOps.Contains(op, StringComparer.Ordinal))
        {
            failure = Reject(label, $"\"{op}\" is not a JSON patch operation; use one of add, remove, replace, move, copy, test");
            return false;
        }

        if (!TryReadPointer(fields, "path", label, out var path, out failure))
        {
            return false;
        }

        label = $"patch[{index}] ({op} \"{path}\")";
        JsonPointer? from = null;
        if (op is "move" or "copy" && !TryReadPointer(fields, "from", label, out from, out failure))
        {
            return false;
        }

        // "value": null is a value (JSON null); only a missing member is an error.
        JsonNode? value = null;
        if (op is "add" or "replace" or "test" && !fields.TryGetPropertyValue("value", out value))
        {
            failure = Reject(label, $"the operation has no \"value\"; \"{op}\" needs one (null is allowed)");
            return false;
        }

        operation = new JsonPatchOperation(index, op, path, from, value);
        return true;
    }

    public static PatchOutcome Reject(string label, string reason) =>
        PatchOutcome.NotApplicable($"{label} failed: {reason}. No operation of the patch was applied.");

    private static bool TryReadPointer(JsonObject fields, string member, string label, [NotNullWhen(true)] out JsonPointer? pointer, [NotNullWhen(false)] out PatchOutcome? failure)
    {
        pointer = null;
        failure = null;
        if (!TryReadString(fields, member, out var text))
        {
            failure = Reject(label, $"the operation has no \"{member}\" string; give a JSON pointer such as \"/metadata/labels/app\"");
            return false;
        }

        if (!JsonPointer.TryParse(text, out pointer, out var error))
        {
            failure = Reject(label, error);
            return false;
        }

        return true;
    }

    private static bool TryReadString(JsonObject fields, string member, [NotNullWhen(true)] out string? text)
    {
        text = null;
        return fields.TryGetPropertyValue(member, out var node) && node is JsonValue value && value.TryGetValue(out text);
    }
}

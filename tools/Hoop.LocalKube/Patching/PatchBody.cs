using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hoop.LocalKube.Patching;

/// <summary>
/// Parses a PATCH request body into a JSON tree, refusing what the patch engines cannot read. The engines' overloads that
/// take a parsed patch expect a tree parsed this way.
/// </summary>
internal static class PatchBody
{
    // Duplicate keys are rejected while parsing: JsonNode builds objects lazily and would otherwise throw deep inside a patch.
    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowDuplicateProperties = false };

    public static bool TryParse(string? body, out JsonNode? node, [NotNullWhen(false)] out string? error)
    {
        node = null;
        if (string.IsNullOrWhiteSpace(body))
        {
            error = "the patch body is empty; send a JSON document";
            return false;
        }

        try
        {
            node = JsonNode.Parse(body, documentOptions: DocumentOptions);
            error = null;
            return true;
        }
        catch (JsonException exception)
        {
            error = $"the patch body is not valid JSON: {exception.Message}";
            return false;
        }
    }

    /// <summary>Names a node's JSON type for error messages: "an object", "a string", "null".</summary>
    public static string Describe(JsonNode? node) => node?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        _ => "a boolean",
    };
}

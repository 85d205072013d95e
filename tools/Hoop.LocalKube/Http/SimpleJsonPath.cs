using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Hoop.LocalKube.Http;

/// <summary>
/// The JSONPath subset printer columns use: <c>.a.b</c>, <c>.a[0]</c>, and filters <c>.a[?(@.type=="Ready")].status</c>.
/// </summary>
internal static partial class SimpleJsonPath
{
    public static JsonNode? Evaluate(JsonNode root, string path)
    {
        JsonNode? node = root;
        foreach (Match step in Step().Matches(path))
        {
            if (node is null)
            {
                return null;
            }

            if (step.Groups["field"].Success)
            {
                node = node is JsonObject obj ? obj[step.Groups["field"].Value] : null;
            }
            else if (step.Groups["index"].Success)
            {
                var index = int.Parse(step.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture);
                node = node is JsonArray array && index < array.Count ? array[index] : null;
            }
            else
            {
                var key = step.Groups["key"].Value;
                var expected = step.Groups["value"].Value;
                node = (node as JsonArray)?.FirstOrDefault(item => item?[key]?.ToString() == expected);
            }
        }

        return node;
    }

    [GeneratedRegex("""\.(?<field>[A-Za-z0-9_\-]+)|\[(?<index>[0-9]+)\]|\[\?\(@\.(?<key>[A-Za-z0-9_\-]+)==["'](?<value>[^"']*)["']\)\]""")]
    private static partial Regex Step();
}

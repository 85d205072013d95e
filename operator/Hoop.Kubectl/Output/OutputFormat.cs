using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;

namespace Hoop.Kubectl.Output;

/// <summary>kubectl's <c>-o</c>: json and yaml print the API objects; wide adds columns to the table.</summary>
internal static class OutputFormat
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, IndentSize = 4 };

    public static Option<string> CreateOption(params string[] formats)
    {
        var option = new Option<string>("--output", "-o") { Description = $"Output format: {string.Join(", ", formats)}." };
        option.AcceptOnlyFromAmong(formats);
        return option;
    }

    /// <summary>The object as the API serves it, in JSON.</summary>
    public static JsonNode ToNode(object value) => JsonNode.Parse(KubernetesJson.Serialize(value))!;

    /// <summary>Writes <paramref name="value"/> as json or yaml; false for any other format.</summary>
    public static bool TryWrite(TextWriter output, string? format, JsonNode value)
    {
        ArgumentNullException.ThrowIfNull(output);
        switch (format)
        {
            case "json":
                output.WriteLine(value.ToJsonString(Indented));
                return true;
            case "yaml":
                output.Write(YamlWriter.Write(value));
                return true;
            default:
                return false;
        }
    }

    /// <summary>A <c>v1 List</c>, as kubectl prints several objects.</summary>
    public static JsonObject List(IEnumerable<JsonNode> items) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "List",
        ["items"] = new JsonArray([.. items]),
        ["metadata"] = new JsonObject { ["resourceVersion"] = "" },
    };
}

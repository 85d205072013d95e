using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Hoop.Manifests.Yaml;

/// <summary>
/// Writes a JSON tree as block-style YAML, the way Kubernetes manifests look. Strings are plain where YAML reads
/// them back as the same string, else JSON-style double-quoted (a subset of YAML's double-quoted scalars).
/// </summary>
internal static partial class YamlWriter
{
    private static readonly JsonSerializerOptions QuotedStrings = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~", "",
    };

    public static string Write(JsonNode node, string? headerComment = null)
    {
        var yaml = new StringBuilder();
        if (headerComment is not null)
        {
            foreach (var line in headerComment.Split('\n'))
            {
                yaml.Append("# ").AppendLine(line);
            }
        }

        WriteBlock(yaml, node, 0);
        return yaml.ToString();
    }

    private static void WriteBlock(StringBuilder yaml, JsonNode node, int indent)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    yaml.Append(' ', indent).Append(Scalar(key)).Append(':');
                    WriteValue(yaml, value, indent, nestedIndent: indent + 2);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    yaml.Append(' ', indent).Append('-');
                    if (item is JsonObject { Count: > 0 } itemObject)
                    {
                        // The first key shares the dash's line; the rest align under it.
                        var first = true;
                        foreach (var (key, value) in itemObject)
                        {
                            yaml.Append(first ? " " : new string(' ', indent + 2)).Append(Scalar(key)).Append(':');
                            WriteValue(yaml, value, indent + 2, nestedIndent: indent + 4);
                            first = false;
                        }
                    }
                    else
                    {
                        WriteValue(yaml, item, indent, nestedIndent: indent + 2);
                    }
                }

                break;
            default:
                yaml.AppendLine(Scalar(node));
                break;
        }
    }

    private static void WriteValue(StringBuilder yaml, JsonNode? value, int indent, int nestedIndent)
    {
        switch (value)
        {
            case JsonObject { Count: 0 }:
                yaml.AppendLine(" {}");
                break;
            case JsonArray { Count: 0 }:
                yaml.AppendLine(" []");
                break;
            case JsonObject:
                yaml.AppendLine();
                WriteBlock(yaml, value, nestedIndent);
                break;
            case JsonArray:
                // Sequence items sit at the key's own indentation, as kubectl and controller-gen write them.
                yaml.AppendLine();
                WriteBlock(yaml, value, indent);
                break;
            default:
                yaml.Append(' ').AppendLine(Scalar(value));
                break;
        }
    }

    private static string Scalar(JsonNode? node) => node switch
    {
        null => "null",
        JsonValue value when value.GetValueKind() == JsonValueKind.String => Scalar(value.GetValue<string>()),
        JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False => value.GetValue<bool>() ? "true" : "false",
        JsonValue value => value.ToJsonString(),
        _ => throw new ArgumentException("not a scalar", nameof(node)),
    };

    private static string Scalar(string text)
    {
        if (PlainSafe().IsMatch(text) && !text.EndsWith(' ') && !Reserved.Contains(text) && !LooksNumeric().IsMatch(text))
        {
            return text;
        }

        return JsonSerializer.Serialize(text, QuotedStrings);
    }

    // Conservative: letters, digits and a few punctuation marks that never start or change a YAML construct here.
    [GeneratedRegex(@"^[A-Za-z_/.$][A-Za-z0-9 _/.$()=,;'-]*$")]
    private static partial Regex PlainSafe();

    [GeneratedRegex(@"^[-+.]?[0-9]|^\.(inf|nan)$", RegexOptions.IgnoreCase)]
    private static partial Regex LooksNumeric();
}

using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Hoop.Chart.Tests.Values;

public sealed partial class ValuesReferenceTests
{
    [Fact]
    public void Every_value_a_template_reads_is_declared_in_values_yaml()
    {
        var values = ChartFiles.Values();
        var templates = ChartFiles.ManifestTemplates.Append("templates/_helpers.tpl").Append("templates/NOTES.txt");
        var missing = new List<string>();
        foreach (var template in templates)
        {
            foreach (Match match in ValuesPath().Matches(ChartFiles.Read(template)))
            {
                var path = match.Groups[1].Value;
                if (!Declared(values, path.Split('.')))
                {
                    missing.Add($"{template}: .Values.{path}");
                }
            }
        }

        Assert.True(missing.Count == 0, "read but not declared in values.yaml:\n" + string.Join('\n', missing.Distinct()));
    }

    private static bool Declared(JsonObject values, string[] path)
    {
        JsonNode? node = values;
        foreach (var part in path)
        {
            if (node is not JsonObject obj || !obj.ContainsKey(part))
            {
                return false;
            }

            node = obj[part];
        }

        return true;
    }

    [GeneratedRegex(@"\$?\.Values\.([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)")]
    private static partial Regex ValuesPath();
}

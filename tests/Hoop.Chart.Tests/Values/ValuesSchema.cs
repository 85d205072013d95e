using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Hoop.Chart.Tests.Values;

/// <summary>The chart's values.schema.json, as Helm applies it to the merged values before rendering.</summary>
internal static class ValuesSchema
{
    private static readonly JsonSchema Schema = JsonSchema.FromText(ChartFiles.Read("values.schema.json"));

    /// <summary>The schema's complaints about <paramref name="values"/>; empty when it is valid.</summary>
    public static IReadOnlyList<string> Problems(JsonNode values)
    {
        using var document = JsonDocument.Parse(values.ToJsonString());
        var result = Schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid
            ? []
            : [.. (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))];
    }
}

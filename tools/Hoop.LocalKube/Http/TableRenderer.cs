using System.Globalization;
using System.Text.Json.Nodes;
using Hoop.LocalKube.Api;
using Microsoft.Extensions.Primitives;

namespace Hoop.LocalKube.Http;

/// <summary>
/// <c>meta.k8s.io/v1 Table</c> responses for <c>kubectl get</c>: NAME, the CRD's printer columns (or AGE for
/// built-ins), and each row's object as metadata.
/// </summary>
internal static class TableRenderer
{
    public static bool Wanted(StringValues accept) =>
        accept.Any(a => a?.Contains("as=Table", StringComparison.Ordinal) == true);

    public static JsonObject Render(ResourceType type, IReadOnlyList<JsonObject> objects, long listVersion, DateTimeOffset now)
    {
        var columns = new JsonArray(Column("Name", "string", "name", "Name must be unique within a namespace.", 0));
        var printer = type.PrinterColumns?.Select(c => c!.AsObject()).ToList()
            ?? [new JsonObject { ["name"] = "Age", ["type"] = "date", ["jsonPath"] = ".metadata.creationTimestamp" }];
        foreach (var column in printer)
        {
            columns.Add(Column(column["name"]!.GetValue<string>(), column["type"]?.GetValue<string>() ?? "string",
                column["format"]?.GetValue<string>() ?? "", column["description"]?.GetValue<string>() ?? "", column["priority"].AsInt32() ?? 0));
        }

        var rows = new JsonArray();
        foreach (var obj in objects)
        {
            var cells = new JsonArray(obj["metadata"]?["name"]?.GetValue<string>() ?? "");
            foreach (var column in printer)
            {
                cells.Add(Cell(obj, column["jsonPath"]!.GetValue<string>(), column["type"]?.GetValue<string>(), now));
            }

            rows.Add(new JsonObject
            {
                ["cells"] = cells,
                ["object"] = new JsonObject
                {
                    ["kind"] = "PartialObjectMetadata",
                    ["apiVersion"] = "meta.k8s.io/v1",
                    ["metadata"] = obj["metadata"]?.DeepClone(),
                },
            });
        }

        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = new JsonObject { ["resourceVersion"] = listVersion.ToString(CultureInfo.InvariantCulture) },
            ["columnDefinitions"] = columns,
            ["rows"] = rows,
        };
    }

    private static JsonObject Column(string name, string type, string format, string description, int priority) => new()
    {
        ["name"] = name,
        ["type"] = type,
        ["format"] = format,
        ["description"] = description,
        ["priority"] = priority,
    };

    private static JsonNode? Cell(JsonObject obj, string jsonPath, string? type, DateTimeOffset now)
    {
        var value = SimpleJsonPath.Evaluate(obj, jsonPath);
        if (value is null)
        {
            return null;
        }

        if (type == "date" && value is JsonValue v && DateTimeOffset.TryParse(v.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            return HumanDuration(now - at);
        }

        return value.DeepClone();
    }

    /// <summary>Ages the way kubectl prints them: 45s, 3m, 2h, 4d.</summary>
    private static string HumanDuration(TimeSpan age)
    {
        if (age < TimeSpan.Zero)
        {
            age = TimeSpan.Zero;
        }

        return age.TotalSeconds < 120 ? $"{(int)age.TotalSeconds}s"
            : age.TotalMinutes < 120 ? $"{(int)age.TotalMinutes}m"
            : age.TotalHours < 48 ? $"{(int)age.TotalHours}h"
            : $"{(int)age.TotalDays}d";
    }
}

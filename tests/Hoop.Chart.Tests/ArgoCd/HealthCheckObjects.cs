using System.Text.Json.Nodes;
using Hoop.Api.Serialization;
using Hoop.Testing;

namespace Hoop.Chart.Tests.ArgoCd;

/// <summary>The repository's samples with a status as the operator writes it.</summary>
internal static class HealthCheckObjects
{
    public static JsonObject Sample(string file) => YamlDocuments.ParseSingleObject(File.ReadAllText(RepositoryFiles.PathOf($"samples/{file}")));

    public static JsonObject WithConditions(JsonObject obj, long generation, long observed, params (string Type, string Status, string Reason)[] conditions)
    {
        obj["metadata"]!["generation"] = generation;
        obj["status"] = new JsonObject
        {
            ["observedGeneration"] = observed,
            ["conditions"] = new JsonArray([.. conditions.Select(c => (JsonNode)new JsonObject
            {
                ["type"] = c.Type,
                ["status"] = c.Status,
                ["reason"] = c.Reason,
                ["message"] = $"{c.Type} is {c.Status} because {c.Reason}.",
                ["lastTransitionTime"] = "2026-01-01T00:00:00Z",
                ["observedGeneration"] = observed,
            })]),
        };
        return obj;
    }
}

using System.Text.Json.Nodes;
using Hoop.Api.Serialization;
using Hoop.Testing;

namespace Hoop.Chart.Tests;

/// <summary>Where the chart's files are, read from the repository the tests were built from.</summary>
internal static class ChartFiles
{
    public static string Root { get; } = RepositoryFiles.PathOf("charts/hoop");

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));

    /// <summary>The templates that render Kubernetes objects (not the helpers in <c>_helpers.tpl</c>, not NOTES.txt).</summary>
    public static IReadOnlyList<string> ManifestTemplates { get; } =
        [.. Directory.GetFiles(PathOf("templates"), "*.yaml").Select(f => "templates/" + Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    /// <summary>The chart's plain YAML files (no template actions) that the templates include as they are.</summary>
    public static IReadOnlyList<string> StaticRbac { get; } =
        [.. Directory.GetFiles(PathOf("rbac"), "*.yaml").Select(f => "rbac/" + Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    public static JsonObject Values() => YamlDocuments.ParseSingleObject(Read("values.yaml"));

    /// <summary>The objects of a plain YAML file, skipping empty documents.</summary>
    public static IReadOnlyList<JsonObject> Objects(string relative) => [.. YamlDocuments.Parse(Read(relative)).OfType<JsonObject>()];
}

using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Hoop.Api.Serialization;

namespace Hoop.Chart.Tests.Templates;

/// <summary>
/// A Helm template with its Go template actions taken out, so the YAML around them can be parsed without Helm. Not a
/// renderer: a line holding only actions (<c>if</c>, <c>range</c>, <c>end</c>, <c>include ... | nindent</c>, <c>toYaml</c>)
/// is dropped, so both branches of a condition stay and included blocks are missing; an action inside a line becomes
/// the scalar <see cref="Placeholder"/>. What it proves is that the hand-written YAML of every template is well formed
/// and holds the fields written literally in it.
/// </summary>
internal static partial class TemplateSkeleton
{
    public const string Placeholder = "TEMPLATED";

    public static string Strip(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var withoutComments = Comment().Replace(template, "");
        var lines = new List<string>();
        foreach (var line in withoutComments.Split('\n'))
        {
            if (!line.Contains("{{", StringComparison.Ordinal))
            {
                lines.Add(line);
                continue;
            }

            if (Action().Replace(line, "").Trim().Length == 0)
            {
                continue;
            }

            lines.Add(Action().Replace(line, Placeholder));
        }

        return string.Join('\n', lines);
    }

    /// <summary>The objects of the skeleton; empty documents (a template whose whole body is actions) are skipped.</summary>
    public static IReadOnlyList<JsonObject> Objects(string template) =>
        [.. YamlDocuments.Parse(Strip(template)).OfType<JsonObject>()];

    [GeneratedRegex(@"\{\{-?\s*/\*.*?\*/\s*-?\}\}", RegexOptions.Singleline)]
    private static partial Regex Comment();

    [GeneratedRegex(@"\{\{.*?\}\}")]
    private static partial Regex Action();
}

using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Hoop.Manifests.Crds;

/// <summary>The one-line XML doc summaries of an assembly's types and properties; they become schema descriptions.</summary>
internal sealed partial class XmlDocumentation
{
    private readonly Dictionary<string, string> _summaries;

    private XmlDocumentation(Dictionary<string, string> summaries) => _summaries = summaries;

    public static XmlDocumentation For(Assembly assembly)
    {
        var file = Path.ChangeExtension(assembly.Location, ".xml");
        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"{Path.GetFileName(file)} is missing next to {Path.GetFileName(assembly.Location)}; build with GenerateDocumentationFile", file);
        }

        var summaries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var member in XDocument.Load(file).Descendants("member"))
        {
            var summary = member.Element("summary");
            if (member.Attribute("name")?.Value is { } name && summary is not null)
            {
                summaries[name] = Flatten(summary);
            }
        }

        return new XmlDocumentation(summaries);
    }

    public string? Of(Type type) => _summaries.GetValueOrDefault("T:" + type.FullName);

    public string? Of(PropertyInfo property) => _summaries.GetValueOrDefault($"P:{property.DeclaringType!.FullName}.{property.Name}");

    private static string Flatten(XElement summary)
    {
        var text = new StringBuilder();
        foreach (var node in summary.Nodes())
        {
            text.Append(node switch
            {
                XText t => t.Value,
                XElement { Name.LocalName: "see" } see => (see.Attribute("cref")?.Value ?? see.Attribute("langword")?.Value ?? "").Split('.')[^1],
                XElement e => e.Value,
                _ => "",
            });
        }

        return Whitespace().Replace(text.ToString(), " ").Trim();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}

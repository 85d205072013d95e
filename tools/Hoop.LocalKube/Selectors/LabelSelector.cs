using System.Diagnostics.CodeAnalysis;

namespace Hoop.LocalKube.Selectors;

/// <summary>
/// A label selector as the API server understands it (<c>k8s.io/apimachinery/pkg/labels</c>): requirements joined by AND,
/// sorted by key. An empty selector matches every object.
/// </summary>
internal sealed partial class LabelSelector
{
    // Sorted by key so equal selectors print alike; the stable sort keeps terms on one key in the order written.
    private LabelSelector(IEnumerable<LabelRequirement> requirements) =>
        Requirements = [.. requirements.OrderBy(requirement => requirement.Key, StringComparer.Ordinal)];

    /// <summary>The selector that matches every object, which is what an absent or empty <c>labelSelector</c> means.</summary>
    public static LabelSelector Everything { get; } = new([]);

    public IReadOnlyList<LabelRequirement> Requirements { get; }

    public bool IsEmpty => Requirements.Count == 0;

    /// <summary>
    /// Parses the <c>labelSelector</c> query parameter. On failure <paramref name="error"/> holds the message the API server
    /// answers with 400 BadRequest, such as <c>unable to parse requirement: found '', expected: ',' or ')'</c>.
    /// </summary>
    public static bool TryParse(
        string? text,
        [NotNullWhen(true)] out LabelSelector? selector,
        [NotNullWhen(false)] out string? error)
    {
        if (!LabelSelectorParser.TryParse(text ?? "", out var requirements, out error))
        {
            selector = null;
            return false;
        }

        selector = requirements.Count == 0 ? Everything : new LabelSelector(requirements);
        return true;
    }

    /// <summary>Whether every requirement holds for the labels; missing labels are read as absent, never as an error.</summary>
    public bool Matches(IReadOnlyDictionary<string, string>? labels)
    {
        foreach (var requirement in Requirements)
        {
            if (!requirement.Matches(labels))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The canonical text, the API server's <c>Selector.String()</c>: <c>a in (x,y),!b,c=d</c>.</summary>
    public override string ToString() => string.Join(',', Requirements);
}

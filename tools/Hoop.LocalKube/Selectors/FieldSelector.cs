using System.Diagnostics.CodeAnalysis;

namespace Hoop.LocalKube.Selectors;

/// <summary>
/// A field selector as the API server understands it (<c>k8s.io/apimachinery/pkg/fields</c>): <c>field=value</c>,
/// <c>field==value</c> and <c>field!=value</c> terms joined by AND. An empty selector matches every object.
/// </summary>
internal sealed class FieldSelector
{
    private static readonly string[] Operators = ["!=", "==", "="];

    private FieldSelector(IReadOnlyList<FieldRequirement> requirements)
    {
        Requirements = requirements;
        Fields = [.. requirements.Select(requirement => requirement.Field).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The selector that matches every object, which is what an absent or empty <c>fieldSelector</c> means.</summary>
    public static FieldSelector Everything { get; } = new([]);

    /// <summary>The terms, in the API server's order: sorted by their text as written.</summary>
    public IReadOnlyList<FieldRequirement> Requirements { get; }

    /// <summary>The field names the terms use, each once.</summary>
    public IReadOnlyList<string> Fields { get; }

    public bool IsEmpty => Requirements.Count == 0;

    /// <summary>
    /// Parses the <c>fieldSelector</c> query parameter. Nothing is trimmed: <c>metadata.name = x</c> names the field
    /// <c>"metadata.name "</c>, which the supported-field check then refuses, as on a real cluster.
    /// </summary>
    public static bool TryParse(
        string? text,
        [NotNullWhen(true)] out FieldSelector? selector,
        [NotNullWhen(false)] out string? error)
    {
        selector = null;
        error = null;
        text ??= "";
        var terms = SplitTerms(text);
        terms.Sort(StringComparer.Ordinal);
        var requirements = new List<FieldRequirement>();
        foreach (var term in terms)
        {
            if (term.Length == 0)
            {
                continue;
            }

            if (!TrySplitTerm(term, out var field, out var @operator, out var escaped))
            {
                error = $"invalid selector: '{text}'; can't understand '{term}'";
                return false;
            }

            if (!FieldSelectorValue.TryUnescape(escaped, out var value, out error))
            {
                return false;
            }

            // A term with neither field nor value ("=", "!=") selects nothing in particular; the API server drops it.
            if (field.Length == 0 && value.Length == 0)
            {
                continue;
            }

            requirements.Add(new FieldRequirement(field, @operator, value));
        }

        selector = requirements.Count == 0 ? Everything : new FieldSelector(requirements);
        return true;
    }

    /// <summary>Whether every term holds; <paramref name="fieldValue"/> answers null for a field the object lacks.</summary>
    public bool Matches(Func<string, string?> fieldValue)
    {
        ArgumentNullException.ThrowIfNull(fieldValue);
        foreach (var requirement in Requirements)
        {
            if (!requirement.Matches(fieldValue(requirement.Field)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Refuses a selector that uses a field the resource cannot be selected on, with the API server's 400 message
    /// <c>field label not supported: &lt;name&gt;</c>. Every resource supports <c>metadata.name</c>; namespaced ones
    /// <c>metadata.namespace</c>; some add their own, such as a pod's <c>status.phase</c> and <c>spec.nodeName</c>.
    /// </summary>
    public bool TryValidateFields(IReadOnlySet<string> supportedFields, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(supportedFields);
        foreach (var requirement in Requirements)
        {
            if (!supportedFields.Contains(requirement.Field))
            {
                error = "field label not supported: " + requirement.Field;
                return false;
            }
        }

        error = null;
        return true;
    }

    /// <summary>The canonical text, the API server's <c>Selector.String()</c>: sorted terms, <c>==</c> written as <c>=</c>, values escaped.</summary>
    public override string ToString() => string.Join(',', Requirements);

    // Splits on commas that are not escaped; the escapes stay in the terms for the value to decode.
    private static List<string> SplitTerms(string text)
    {
        var terms = new List<string>();
        if (text.Length == 0)
        {
            return terms;
        }

        var start = 0;
        var afterBackslash = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (afterBackslash)
            {
                afterBackslash = false;
            }
            else if (text[i] == '\\')
            {
                afterBackslash = true;
            }
            else if (text[i] == ',')
            {
                terms.Add(text[start..i]);
                start = i + 1;
            }
        }

        terms.Add(text[start..]);
        return terms;
    }

    // The field cannot be escaped, so the first operator splits the term: "a=b!=c" is field "a" and value "b!=c",
    // which then fails for its bare '='.
    private static bool TrySplitTerm(string term, out string field, out FieldSelectorOperator @operator, out string value)
    {
        for (var i = 0; i < term.Length; i++)
        {
            foreach (var symbol in Operators)
            {
                if (term.AsSpan(i).StartsWith(symbol, StringComparison.Ordinal))
                {
                    field = term[..i];
                    @operator = symbol == "!=" ? FieldSelectorOperator.NotEquals : FieldSelectorOperator.Equals;
                    value = term[(i + symbol.Length)..];
                    return true;
                }
            }
        }

        field = "";
        @operator = FieldSelectorOperator.Equals;
        value = "";
        return false;
    }
}

using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hoop.LocalKube.Selectors;

internal sealed partial class LabelSelector
{
    /// <summary>
    /// Builds a selector from a <c>metav1.LabelSelector</c> object (<c>matchLabels</c> and <c>matchExpressions</c>), as
    /// <c>metav1.LabelSelectorAsSelector</c> does, with its validation and messages.
    /// </summary>
    /// <remarks>
    /// A null object matches everything here, as webhook <c>namespaceSelector</c>/<c>objectSelector</c> and most API fields
    /// treat an absent selector; <c>LabelSelectorAsSelector</c> itself would turn a nil pointer into "nothing".
    /// </remarks>
    public static bool TryFromLabelSelectorObject(
        JsonObject? selector,
        [NotNullWhen(true)] out LabelSelector? result,
        [NotNullWhen(false)] out string? error)
    {
        result = null;
        var requirements = new List<LabelRequirement>();
        if (selector is null)
        {
            result = Everything;
            error = null;
            return true;
        }

        if (!TryReadMatchLabels(selector["matchLabels"], requirements, out error)
            || !TryReadMatchExpressions(selector["matchExpressions"], requirements, out error))
        {
            return false;
        }

        result = requirements.Count == 0 ? Everything : new LabelSelector(requirements);
        return true;
    }

    private static bool TryReadMatchLabels(JsonNode? node, List<LabelRequirement> requirements, [NotNullWhen(false)] out string? error)
    {
        error = null;
        if (node is null)
        {
            return true;
        }

        if (node is not JsonObject matchLabels)
        {
            error = $"matchLabels must be an object of label keys to values, not {Describe(node)}.";
            return false;
        }

        // Go walks the map in random order, so which bad entry it reports first is arbitrary; key order makes it repeatable.
        foreach (var (key, valueNode) in matchLabels.OrderBy(entry => entry.Key, StringComparer.Ordinal))
        {
            if (!TryReadString(valueNode, out var value))
            {
                error = $"matchLabels[{FieldError.GoQuote(key)}] must be a string, not {Describe(valueNode)}.";
                return false;
            }

            if (!LabelRequirement.TryCreate(key, LabelSelectorOperator.Equals, [value], out var requirement, out error))
            {
                return false;
            }

            requirements.Add(requirement);
        }

        return true;
    }

    private static bool TryReadMatchExpressions(JsonNode? node, List<LabelRequirement> requirements, [NotNullWhen(false)] out string? error)
    {
        error = null;
        if (node is null)
        {
            return true;
        }

        if (node is not JsonArray matchExpressions)
        {
            error = $"matchExpressions must be a list of {{key, operator, values}} objects, not {Describe(node)}.";
            return false;
        }

        for (var i = 0; i < matchExpressions.Count; i++)
        {
            if (matchExpressions[i] is not JsonObject expression)
            {
                error = $"matchExpressions[{i}] must be a {{key, operator, values}} object, not {Describe(matchExpressions[i])}.";
                return false;
            }

            if (!TryReadString(expression["key"], out var key))
            {
                error = $"matchExpressions[{i}].key must be a string, not {Describe(expression["key"])}.";
                return false;
            }

            if (!TryReadString(expression["operator"], out var operatorName))
            {
                error = $"matchExpressions[{i}].operator must be a string, not {Describe(expression["operator"])}.";
                return false;
            }

            if (!TryReadValues(expression["values"], out var values))
            {
                error = $"matchExpressions[{i}].values must be a list of strings, not {Describe(expression["values"])}.";
                return false;
            }

            LabelSelectorOperator? @operator = operatorName switch
            {
                "In" => LabelSelectorOperator.In,
                "NotIn" => LabelSelectorOperator.NotIn,
                "Exists" => LabelSelectorOperator.Exists,
                "DoesNotExist" => LabelSelectorOperator.DoesNotExist,
                _ => null,
            };
            if (@operator is null)
            {
                error = $"{FieldError.GoQuote(operatorName)} is not a valid label selector operator";
                return false;
            }

            if (!LabelRequirement.TryCreate(key, @operator.Value, values, out var requirement, out error))
            {
                return false;
            }

            requirements.Add(requirement);
        }

        return true;
    }

    // JSON null decodes to Go's zero value, the empty string.
    private static bool TryReadString(JsonNode? node, out string value)
    {
        value = "";
        if (node is null)
        {
            return true;
        }

        if (node.GetValueKind() != JsonValueKind.String)
        {
            return false;
        }

        value = node.GetValue<string>();
        return true;
    }

    private static bool TryReadValues(JsonNode? node, out List<string> values)
    {
        values = [];
        if (node is null)
        {
            return true;
        }

        if (node is not JsonArray array)
        {
            return false;
        }

        foreach (var item in array)
        {
            if (!TryReadString(item, out var value))
            {
                return false;
            }

            values.Add(value);
        }

        return true;
    }

    private static string Describe(JsonNode? node) => node is null ? "null" : node.GetValueKind() switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}

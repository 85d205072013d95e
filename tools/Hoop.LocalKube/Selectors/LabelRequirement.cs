using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Hoop.LocalKube.Selectors;

/// <summary>One term of a label selector: a key, an operator and the values it compares against.</summary>
internal sealed class LabelRequirement
{
    private LabelRequirement(string key, LabelSelectorOperator @operator, IReadOnlyList<string> values)
    {
        Key = key;
        Operator = @operator;
        Values = values;
    }

    public string Key { get; }

    public LabelSelectorOperator Operator { get; }

    public IReadOnlyList<string> Values { get; }

    /// <summary>
    /// Validates the key, the number of values the operator takes and each value, as <c>labels.NewRequirement</c> does,
    /// and reports every problem at once.
    /// </summary>
    public static bool TryCreate(
        string key,
        LabelSelectorOperator @operator,
        IReadOnlyList<string> values,
        [NotNullWhen(true)] out LabelRequirement? requirement,
        [NotNullWhen(false)] out string? error)
    {
        var errors = new List<string>();
        var keyErrors = LabelSyntax.KeyErrors(key);
        if (keyErrors.Count > 0)
        {
            errors.Add(FieldError.Invalid("key", key, string.Join("; ", keyErrors)));
        }

        switch (@operator)
        {
            case LabelSelectorOperator.In or LabelSelectorOperator.NotIn when values.Count == 0:
                errors.Add(FieldError.Invalid("values", values, "for 'in', 'notin' operators, values set can't be empty"));
                break;
            case LabelSelectorOperator.Equals or LabelSelectorOperator.DoubleEquals or LabelSelectorOperator.NotEquals
                when values.Count != 1:
                errors.Add(FieldError.Invalid("values", values, "exact-match compatibility requires one single value"));
                break;
            case LabelSelectorOperator.Exists or LabelSelectorOperator.DoesNotExist when values.Count != 0:
                errors.Add(FieldError.Invalid("values", values, "values set must be empty for exists and does not exist"));
                break;
            case LabelSelectorOperator.GreaterThan or LabelSelectorOperator.LessThan:
                if (values.Count != 1)
                {
                    errors.Add(FieldError.Invalid("values", values, "for 'Gt', 'Lt' operators, exactly one value is required"));
                }

                for (var i = 0; i < values.Count; i++)
                {
                    if (!TryParseInteger(values[i], out _))
                    {
                        errors.Add(FieldError.Invalid($"values[{i}]", values[i], "for 'Gt', 'Lt' operators, the value must be an integer"));
                    }
                }

                break;
        }

        for (var i = 0; i < values.Count; i++)
        {
            var valueErrors = LabelSyntax.ValueErrors(values[i]);
            if (valueErrors.Count > 0)
            {
                errors.Add(FieldError.Invalid($"values[{i}][{key}]", values[i], string.Join("; ", valueErrors)));
            }
        }

        if (errors.Count > 0)
        {
            requirement = null;
            error = FieldError.Aggregate(errors);
            return false;
        }

        requirement = new LabelRequirement(key, @operator, [.. values]);
        error = null;
        return true;
    }

    /// <summary>
    /// Whether the labels satisfy this term. An absent label satisfies <c>!=</c>, <c>notin</c> and <c>!key</c>,
    /// and nothing else.
    /// </summary>
    public bool Matches(IReadOnlyDictionary<string, string>? labels)
    {
        string? actual = null;
        var present = labels is not null && labels.TryGetValue(Key, out actual);
        switch (Operator)
        {
            case LabelSelectorOperator.In or LabelSelectorOperator.Equals or LabelSelectorOperator.DoubleEquals:
                return present && Values.Contains(actual!, StringComparer.Ordinal);
            case LabelSelectorOperator.NotIn or LabelSelectorOperator.NotEquals:
                return !present || !Values.Contains(actual!, StringComparer.Ordinal);
            case LabelSelectorOperator.Exists:
                return present;
            case LabelSelectorOperator.DoesNotExist:
                return !present;
            case LabelSelectorOperator.GreaterThan or LabelSelectorOperator.LessThan:
                if (!present || Values.Count != 1 || !TryParseInteger(actual!, out var number) || !TryParseInteger(Values[0], out var bound))
                {
                    return false;
                }

                return Operator == LabelSelectorOperator.GreaterThan ? number > bound : number < bound;
            default:
                return false;
        }
    }

    /// <summary>The term as the API server prints it: values of a set sorted, <c>=</c> and <c>==</c> kept as written.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        if (Operator == LabelSelectorOperator.DoesNotExist)
        {
            text.Append('!');
        }

        text.Append(Key);
        switch (Operator)
        {
            case LabelSelectorOperator.Exists or LabelSelectorOperator.DoesNotExist:
                return text.ToString();
            case LabelSelectorOperator.In or LabelSelectorOperator.NotIn:
                var sorted = Values.Order(StringComparer.Ordinal);
                return text.Append(Operator == LabelSelectorOperator.In ? " in (" : " notin (")
                    .AppendJoin(',', sorted)
                    .Append(')')
                    .ToString();
            default:
                return text.Append(OperatorText(Operator)).Append(Values[0]).ToString();
        }
    }

    private static string OperatorText(LabelSelectorOperator @operator) => @operator switch
    {
        LabelSelectorOperator.Equals => "=",
        LabelSelectorOperator.DoubleEquals => "==",
        LabelSelectorOperator.NotEquals => "!=",
        LabelSelectorOperator.GreaterThan => ">",
        LabelSelectorOperator.LessThan => "<",
        _ => throw new ArgumentOutOfRangeException(nameof(@operator), @operator, "Not an operator that takes one value."),
    };

    // Go's strconv.ParseInt(s, 10, 64): an optional sign, then decimal digits, within 64 bits.
    private static bool TryParseInteger(string text, out long value) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
}

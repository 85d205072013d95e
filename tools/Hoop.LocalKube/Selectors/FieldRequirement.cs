namespace Hoop.LocalKube.Selectors;

/// <summary>One term of a field selector: a field, whether it must equal or differ from the value, and the unescaped value.</summary>
internal sealed record FieldRequirement(string Field, FieldSelectorOperator Operator, string Value)
{
    /// <summary>Whether the object's value of the field passes; an absent field reads as the empty string, as in Kubernetes.</summary>
    public bool Matches(string? actual) =>
        string.Equals(actual ?? "", Value, StringComparison.Ordinal) == (Operator == FieldSelectorOperator.Equals);

    /// <summary>The term as the API server prints it: <c>field=value</c> or <c>field!=value</c>, the value escaped.</summary>
    public override string ToString() =>
        Field + (Operator == FieldSelectorOperator.Equals ? "=" : "!=") + FieldSelectorValue.Escape(Value);
}

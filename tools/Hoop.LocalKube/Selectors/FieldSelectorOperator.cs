namespace Hoop.LocalKube.Selectors;

/// <summary>How a field selector term compares a field with its value; <c>=</c> and <c>==</c> are the same test.</summary>
internal enum FieldSelectorOperator
{
    /// <summary><c>field=value</c> or <c>field==value</c>.</summary>
    Equals,

    /// <summary><c>field!=value</c>; an absent field reads as the empty string.</summary>
    NotEquals,
}

namespace Hoop.LocalKube.Selectors;

/// <summary>How a label requirement relates a key to its values (<c>k8s.io/apimachinery/pkg/selection</c>).</summary>
internal enum LabelSelectorOperator
{
    /// <summary><c>key in (a,b)</c>: the label exists and has one of the values.</summary>
    In,

    /// <summary><c>key notin (a,b)</c>: the label is absent or has none of the values.</summary>
    NotIn,

    /// <summary><c>key=value</c>.</summary>
    Equals,

    /// <summary><c>key==value</c>, the same test as <see cref="Equals"/>, kept apart so the selector prints as written.</summary>
    DoubleEquals,

    /// <summary><c>key!=value</c>: the label is absent or has another value.</summary>
    NotEquals,

    /// <summary><c>key</c>: the label exists.</summary>
    Exists,

    /// <summary><c>!key</c>: the label is absent.</summary>
    DoesNotExist,

    /// <summary><c>key&gt;1</c>: the label is an integer greater than the value.</summary>
    GreaterThan,

    /// <summary><c>key&lt;1</c>: the label is an integer less than the value.</summary>
    LessThan,
}

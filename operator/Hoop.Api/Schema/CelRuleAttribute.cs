namespace Hoop.Api.Schema;

/// <summary>
/// A CEL validation rule the API server enforces (<c>x-kubernetes-validations</c>). <c>self</c> is the value of the
/// annotated type or property; rules that mention <c>oldSelf</c> are transition rules, checked on update only.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property, AllowMultiple = true)]
public sealed class CelRuleAttribute(string rule, string message) : Attribute
{
    public string Rule { get; } = rule;

    /// <summary>What the user reads when the rule fails: what is wrong and what to do.</summary>
    public string Message { get; } = message;

    /// <summary>The field the error is reported at, relative to <c>self</c> (e.g. <c>.approvals</c>).</summary>
    public string? FieldPath { get; init; }
}

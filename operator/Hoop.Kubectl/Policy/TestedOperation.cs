using Hoop.Api.V1Alpha1;
using Hoop.Policy.Rules;

namespace Hoop.Kubectl.Policy;

/// <summary>One statement, command or request given to <c>policy test</c>, with what the parsers saw in it.</summary>
internal sealed record TestedOperation(string Text, OperationFacts Facts)
{
    /// <summary>The statement kind, for SQL.</summary>
    public StatementKind? Kind { get; init; }

    /// <summary>Tables (SQL) or the parsed request (Kubernetes: resource, namespace and name).</summary>
    public IReadOnlyList<string> Targets { get; init; } = [];

    /// <summary>Why the parser could not see everything, or why a statement got its kind.</summary>
    public string? Note { get; init; }
}

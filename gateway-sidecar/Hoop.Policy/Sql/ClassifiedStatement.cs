using Hoop.Api.V1Alpha1;

namespace Hoop.Policy.Sql;

/// <summary>One statement of a batch and what it does.</summary>
public sealed class ClassifiedStatement
{
    /// <summary>The statement exactly as written, a slice of the batch (without the separating semicolon).</summary>
    public required string Text { get; init; }

    /// <summary>Where <see cref="Text"/> starts in the batch.</summary>
    public required int Start { get; init; }

    /// <summary>What the statement does; <see cref="StatementKind.Unknown"/> whenever the classifier is not sure.</summary>
    public required StatementKind Kind { get; init; }

    /// <summary>
    /// Tables the statement touches, lower-cased where the server folds case, as written (<c>users</c>, <c>billing.invoices</c>).
    /// </summary>
    public required IReadOnlyList<string> Tables { get; init; }

    /// <summary>
    /// False when the statement may touch tables that cannot be known from its text (dynamic SQL, functions, DO blocks).
    /// </summary>
    public required bool TablesComplete { get; init; }

    /// <summary>The text policy patterns see: comments removed (MySQL executable comments kept as code), whitespace collapsed.</summary>
    public required string NormalizedText { get; init; }

    /// <summary>Why the statement got its kind, when that is not obvious from its first keyword (for <c>policy test</c>).</summary>
    public string? Reason { get; init; }
}

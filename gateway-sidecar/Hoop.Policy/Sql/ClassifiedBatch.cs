using Hoop.Api.V1Alpha1;

namespace Hoop.Policy.Sql;

/// <summary>A batch (one simple-query message, one script) split into statements, each classified.</summary>
public sealed class ClassifiedBatch
{
    public required IReadOnlyList<ClassifiedStatement> Statements { get; init; }

    /// <summary>The most privileged kind of its statements (see <see cref="StatementKinds"/>); read when empty.</summary>
    public StatementKind Kind => StatementKinds.MostPrivileged(Statements.Select(s => s.Kind));
}

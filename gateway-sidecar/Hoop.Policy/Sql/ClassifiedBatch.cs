using Hoop.Api.V1Alpha1;

namespace Hoop.Policy.Sql;

/// <summary>A batch (one simple-query message, one script) split into statements, each classified.</summary>
public sealed class ClassifiedBatch
{
    public required IReadOnlyList<ClassifiedStatement> Statements { get; init; }

    /// <summary>The most privileged kind of its statements (see <see cref="StatementKinds"/>); read when empty.</summary>
    public StatementKind Kind
    {
        get
        {
            var most = StatementKind.Read;
            foreach (var statement in Statements)
            {
                most = StatementKinds.MostPrivileged(most, statement.Kind);
            }

            return most;
        }
    }
}

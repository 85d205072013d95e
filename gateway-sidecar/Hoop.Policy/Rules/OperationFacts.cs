using Hoop.Api.V1Alpha1;
using Hoop.Policy.Sql;

namespace Hoop.Policy.Rules;

/// <summary>
/// What policy rules see of one operation: already parsed, so matching never re-reads raw text. One subtype per
/// connection type; a rule for another type never matches it.
/// </summary>
public abstract record OperationFacts;

/// <summary>One classified SQL statement; <c>TablesComplete</c> is false when it may touch tables its text does not show.</summary>
public sealed record SqlStatementFacts(StatementKind Kind, IReadOnlyList<string> Tables, bool TablesComplete, string NormalizedText)
    : OperationFacts
{
    public static SqlStatementFacts From(ClassifiedStatement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        return new(statement.Kind, statement.Tables, statement.TablesComplete, statement.NormalizedText);
    }
}

/// <summary>
/// An SSH command line as the argv of every simple command it runs (wrappers and what they wrap both count), or an
/// interactive session when <paramref name="Interactive"/>. <paramref name="Complete"/> is false when the parser could
/// not see every command (an expansion as a command name, an unterminated quote).
/// </summary>
public sealed record SshCommandFacts(IReadOnlyList<IReadOnlyList<string>> Commands, bool Complete, bool Interactive) : OperationFacts
{
    /// <summary>An interactive shell session: no command line at all.</summary>
    public static SshCommandFacts InteractiveSession { get; } = new([], Complete: true, Interactive: true);
}

/// <summary>A Kubernetes API request as the API server resolves it; <paramref name="ApiGroup"/> is "" for the core group.</summary>
public sealed record KubernetesRequestFacts(
    string Verb,
    string ApiGroup,
    string Resource,
    string? Subresource,
    string? Namespace,
    string? Name,
    bool IsResourceRequest) : OperationFacts;

/// <summary>An HTTP request with its path already normalized (dot segments resolved, percent-decoding done).</summary>
public sealed record HttpRequestFacts(string Method, string Path) : OperationFacts;

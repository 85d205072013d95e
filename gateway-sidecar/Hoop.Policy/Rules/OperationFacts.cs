using Hoop.Api.V1Alpha1;
using Hoop.Policy.Http;
using Hoop.Policy.Kubernetes;
using Hoop.Policy.Shell;
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

    /// <summary>A parsed command line; an argument known only at run time makes it incomplete, as an unseen command does.</summary>
    public static SshCommandFacts From(ShellParseResult parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        var complete = parsed.Complete && parsed.Commands.All(c => c.ArgvComplete);
        return new SshCommandFacts([.. parsed.Commands.Select(c => c.Argv)], complete, Interactive: false);
    }
}

/// <summary>A Kubernetes API request as the API server resolves it; <paramref name="ApiGroup"/> is "" for the core group.</summary>
public sealed record KubernetesRequestFacts(
    string Verb,
    string ApiGroup,
    string Resource,
    string? Subresource,
    string? Namespace,
    string? Name,
    bool IsResourceRequest) : OperationFacts
{
    /// <summary>A parsed request; a malformed one has no facts: the caller refuses it.</summary>
    public static KubernetesRequestFacts From(KubernetesRequestInfo request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Error is not null)
        {
            throw new ArgumentException($"malformed Kubernetes request: {request.Error}", nameof(request));
        }

        return new KubernetesRequestFacts(request.Verb, request.ApiGroup, request.Resource, NullIfEmpty(request.Subresource),
            NullIfEmpty(request.Namespace), NullIfEmpty(request.Name), request.IsResourceRequest);
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}

/// <summary>An HTTP request with its path already normalized (dot segments resolved, percent-decoding done).</summary>
public sealed record HttpRequestFacts(string Method, string Path) : OperationFacts
{
    /// <summary>A parsed request target; a refused one has no facts: the caller answers it with an error.</summary>
    public static HttpRequestFacts From(HttpRequestTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.Error is null
            ? new HttpRequestFacts(target.Method, target.Path)
            : throw new ArgumentException($"refused HTTP request target: {target.Error}", nameof(target));
    }
}

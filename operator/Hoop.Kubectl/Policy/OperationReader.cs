using Hoop.Policy.Http;
using Hoop.Policy.Kubernetes;
using Hoop.Policy.Rules;
using Hoop.Policy.Shell;
using Hoop.Policy.Sql;

namespace Hoop.Kubectl.Policy;

/// <summary>Turns <c>policy test</c>'s input into operations, parsed the way the gateway parses them.</summary>
internal static class OperationReader
{
    public static IReadOnlyList<TestedOperation> Sql(string sql, SqlDialectSettings dialect)
    {
        var batch = StatementClassifier.Classify(sql, dialect);
        if (batch.Statements.Count == 0)
        {
            throw new UserError("the SQL holds no statement (only whitespace or comments)");
        }

        return [.. batch.Statements.Select(s => new TestedOperation(s.NormalizedText, SqlStatementFacts.From(s))
        {
            Kind = s.Kind,
            Targets = s.Tables,
            Note = s.TablesComplete ? s.Reason : string.Join("; ", new[] { s.Reason, "may touch tables its text does not show" }.Where(n => n is not null)),
        })];
    }

    public static TestedOperation Ssh(string command)
    {
        var parsed = ShellCommandLine.Parse(command);
        var facts = SshCommandFacts.From(parsed);
        var runtime = parsed.Commands.Where(c => !c.ArgvComplete).Select(c => c.CanonicalText).ToList();
        return new TestedOperation(command, facts)
        {
            Targets = [.. parsed.Commands.Select(c => c.CanonicalText)],
            Note = parsed.Incomplete is { } why
                ? $"not every command can be seen ({why}): only Deny and RequireApproval rules can match"
                : runtime.Count > 0 ? $"arguments known only when it runs ({string.Join("; ", runtime)}): Allow rules on commands do not match" : null,
        };
    }

    public static TestedOperation Kubernetes(string request)
    {
        var (method, target) = SplitRequest(request);
        var parsed = KubernetesRequestInfo.Parse(method, target);
        if (parsed.Error is not null)
        {
            throw new UserError($"the gateway would refuse this request as malformed: {parsed.Error}");
        }

        var facts = KubernetesRequestFacts.From(parsed);
        var resource = facts.Subresource is null ? facts.Resource : $"{facts.Resource}/{facts.Subresource}";
        return new TestedOperation(request, facts)
        {
            Targets = parsed.IsResourceRequest
                ? [$"verb={facts.Verb}", $"group={(facts.ApiGroup.Length == 0 ? "\"\"" : facts.ApiGroup)}", $"resource={resource}",
                    $"namespace={facts.Namespace ?? "*"}", $"name={facts.Name ?? "*"}"]
                : [$"verb={facts.Verb}", $"path={parsed.Path}"],
        };
    }

    public static TestedOperation Http(string request)
    {
        var (method, target) = SplitRequest(request);
        var parsed = HttpRequestTarget.Parse(method, target);
        if (parsed.Error is not null)
        {
            throw new UserError($"the gateway would refuse this request: {parsed.Error}");
        }

        return new TestedOperation(request, HttpRequestFacts.From(parsed)) { Targets = [parsed.Path] };
    }

    private static (string Method, string Target) SplitRequest(string request)
    {
        var parts = request.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts.Length == 2
            ? (parts[0].ToUpperInvariant(), parts[1])
            : throw new UserError($"--request takes \"VERB PATH\", e.g. \"GET /api/v1/namespaces/payments/pods\"; got \"{request}\"");
    }
}

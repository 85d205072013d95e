using Hoop.Api.V1Alpha1;
using Hoop.Policy.Http;
using Hoop.Policy.Rules;
using Hoop.Policy.Shell;
using Hoop.Policy.Sql;

namespace Hoop.Operator.Reconcilers.AccessRequests;

/// <summary>
/// Turns a requested operation into the facts policy rules match, parsed the way the gateway parses it. A session has
/// no single operation: it is read as the broadest one of its type (any statement on any table, an interactive shell,
/// any request), so only rules that would hold or refuse everything decide it.
/// </summary>
internal static class OperationFactsReader
{
    /// <summary>The facts, or why the operation cannot be judged on this Connection (then it is refused).</summary>
    public static (IReadOnlyList<OperationFacts>? Facts, string? Problem) Read(Operation operation, ConnectionType type)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (operation.Session is not null)
        {
            return ([SessionFacts(type)], null);
        }

        switch (type)
        {
            case ConnectionType.Postgres or ConnectionType.MySql when operation.Sql is { } sql:
                var dialect = type == ConnectionType.Postgres ? SqlDialectSettings.PostgreSql : SqlDialectSettings.MySql;
                var batch = StatementClassifier.Classify(sql.Statement, dialect);
                return batch.Statements.Count == 0
                    ? (null, "the SQL holds no statement (only whitespace or comments)")
                    : ([.. batch.Statements.Select(SqlStatementFacts.From)], null);

            case ConnectionType.Ssh when operation.Ssh is { } ssh:
                return ([SshCommandFacts.From(ShellCommandLine.Parse(ssh.Command))], null);

            case ConnectionType.Kubernetes when operation.Kubernetes is { } request:
                return ([new KubernetesRequestFacts(request.Verb, request.ApiGroup ?? "", request.Resource, Empty(request.Subresource),
                    Empty(request.Namespace), Empty(request.Name), IsResourceRequest: true)], null);

            case ConnectionType.Http when operation.Http is { } http:
                var target = HttpRequestTarget.Parse(http.Method, http.Path);
                return target.Error is null ? ([HttpRequestFacts.From(target)], null) : (null, "the gateway would refuse this HTTP request target as malformed or ambiguous");

            default:
                return (null, "the operation does not fit the Connection's type (sql for postgres and mysql, ssh, kubernetes or http)");
        }
    }

    private static OperationFacts SessionFacts(ConnectionType type) => type switch
    {
        ConnectionType.Postgres or ConnectionType.MySql => new SqlStatementFacts(StatementKind.Unknown, [], TablesComplete: false, ""),
        ConnectionType.Ssh => SshCommandFacts.InteractiveSession,
        ConnectionType.Kubernetes => new KubernetesRequestFacts("*", "*", "*", null, null, null, IsResourceRequest: true),
        _ => new HttpRequestFacts("*", "/"),
    };

    private static string? Empty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}

using System.Diagnostics;
using System.Globalization;
using Hoop.Api.V1Alpha1;

namespace Hoop.Kubectl.Connect;

/// <summary>How psql and mysql are started against a gateway: host, port, user and database as arguments, the token in the environment.</summary>
internal static class DatabaseClient
{
    public static ProcessStartInfo StartInfo(Connection connection, string endpoint, string user, string token, string? reason, IReadOnlyList<string> extra)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(extra);
        var colon = endpoint.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(endpoint.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            throw new UserError($"connection {connection.Metadata.Name} has endpoint \"{endpoint}\", which is not host:port; the operator writes it, so check the operator's version");
        }

        var host = endpoint[..colon].Trim('[', ']');
        var port = endpoint[(colon + 1)..];
        var database = connection.Spec.Target.Database;
        ProcessStartInfo start;
        switch (connection.Spec.Type)
        {
            case ConnectionType.Postgres:
                start = new ProcessStartInfo("psql");
                Add(start, "--host", host, "--port", port, "--username", user);
                if (database is not null)
                {
                    Add(start, "--dbname", database);
                }

                start.Environment["PGPASSWORD"] = token;
                if (reason is not null)
                {
                    start.Environment["PGOPTIONS"] = "-c hoop.reason=" + EscapeOption(reason);
                }

                break;
            case ConnectionType.MySql:
                start = new ProcessStartInfo("mysql");
                Add(start, "--host", host, "--port", port, "--user", user, "--protocol", "TCP");
                if (database is not null)
                {
                    Add(start, "--database", database);
                }

                start.Environment["MYSQL_PWD"] = token;
                break;
            default:
                throw new UserError($"connection {connection.Metadata.Name} is of type {connection.Spec.Type.ToString().ToLowerInvariant()}; connect opens postgres and mysql connections");
        }

        foreach (var argument in extra)
        {
            start.ArgumentList.Add(argument);
        }

        start.UseShellExecute = false;
        return start;
    }

    private static void Add(ProcessStartInfo start, params string[] arguments)
    {
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
    }

    // PGOPTIONS splits on spaces; a backslash keeps a space (or backslash) inside the value.
    private static string EscapeOption(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(" ", "\\ ", StringComparison.Ordinal);
}

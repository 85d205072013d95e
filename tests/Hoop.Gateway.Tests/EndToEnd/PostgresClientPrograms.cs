using Hoop.Testing.Postgres;
using Hoop.Testing.Processes;

namespace Hoop.Gateway.Tests.EndToEnd;

/// <summary>The real PostgreSQL command-line clients (psql, pgbench), found like the tests find every other server binary.</summary>
internal static class PostgresClientPrograms
{
    /// <summary>The path of <paramref name="name"/>; skips the test when it is missing, or fails it under CI.</summary>
    public static string Find(string name) =>
        TestEnvironment.FindExecutable(name, Path.Combine(PostgresServer.BinDirectory, name))
        ?? Missing(name);

    /// <summary>Runs the program (for at most a minute) with libpq's environment and nothing inherited that could redirect it.</summary>
    public static Task<CommandResult> RunAsync(string program, IEnumerable<string> arguments, string password, string sslMode, CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, string?>
        {
            ["PGPASSWORD"] = password,
            ["PGSSLMODE"] = sslMode,
            ["PGCONNECT_TIMEOUT"] = "10",
            ["PGSERVICE"] = null,
            ["PGSERVICEFILE"] = null,
            ["PGPASSFILE"] = "/dev/null",
            ["PGOPTIONS"] = null,
            ["PSQLRC"] = "/dev/null",
        };
        return OneShotCommand.ExecuteAsync(program, arguments, null, environment, cancellationToken);
    }

    private static string Missing(string name)
    {
        TestEnvironment.SkipUnlessCI($"{name} is not installed (not on PATH nor in {PostgresServer.BinDirectory}); install the Debian package {PostgresServer.Package}-client");
        return "";
    }
}

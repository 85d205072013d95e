using MySqlConnector;

namespace Hoop.Policy.Tests.Sql.Corpus;

/// <summary>
/// Runs statements on a real MariaDB, each on a fresh connection whose session default is read-only, inside
/// <c>START TRANSACTION READ ONLY</c> ... <c>ROLLBACK</c>, with short statement and lock timeouts. A fresh connection per
/// statement, because MariaDB keeps session variables, user variables and temporary tables across a rollback.
/// </summary>
internal sealed class MariaDbReadOnlyOracle
{
    public const int CannotExecuteInReadOnlyTransaction = 1792;

    private readonly string _connectionString;

    private MariaDbReadOnlyOracle(string connectionString)
    {
        _connectionString = new MySqlConnectionStringBuilder(connectionString)
        {
            AllowUserVariables = true,
            DefaultCommandTimeout = 10,
        }.ConnectionString;
    }

    public static async Task<MariaDbReadOnlyOracle> CreateAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using (var setup = new MySqlConnection(connectionString))
        {
            await setup.OpenAsync(cancellationToken);
            foreach (var statement in MariaDbCorpusSchema.Statements)
            {
                await using var command = new MySqlCommand(statement, setup);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        return new MariaDbReadOnlyOracle(connectionString);
    }

    public Task<IReadOnlyList<OracleCase>> RunCorpusAsync(CancellationToken cancellationToken) =>
        ReadOnlyOracle.RunCorpusAsync(Hoop.Policy.Sql.SqlDialect.MySql, RunAsync, cancellationToken);

    public async Task<OracleCase> RunAsync(SqlCorpusEntry entry, string variant, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var connection = new MySqlConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        var modes = (entry.Settings.NoBackslashEscapes ? ",NO_BACKSLASH_ESCAPES" : "") + (entry.Settings.AnsiQuotes ? ",ANSI_QUOTES" : "");
        // The session default is read-only too, so even after an implicit commit nothing can write.
        await ExecuteAsync(connection, "SET SESSION TRANSACTION READ ONLY", cancellationToken);
        await ExecuteAsync(connection, "SET SESSION max_statement_time = 2, lock_wait_timeout = 2, innodb_lock_wait_timeout = 2"
            + (modes.Length > 0 ? $", sql_mode = CONCAT(@@sql_mode, '{modes}')" : ""), cancellationToken);
        await ExecuteAsync(connection, "START TRANSACTION READ ONLY", cancellationToken);
        try
        {
            await ExecuteAsync(connection, text, cancellationToken);
            return new OracleCase(entry, variant, text, OracleVerdict.Ran, null);
        }
        catch (MySqlException error) when (error.Number == CannotExecuteInReadOnlyTransaction)
        {
            return new OracleCase(entry, variant, text, OracleVerdict.RefusedAsWrite, $"{error.Number}: {error.Message}");
        }
        catch (MySqlException error)
        {
            return new OracleCase(entry, variant, text, OracleVerdict.Failed, $"{error.Number}: {error.Message}");
        }
        catch (InvalidOperationException error)
        {
            return new OracleCase(entry, variant, text, OracleVerdict.Failed, $"client: {error.Message}");
        }
        finally
        {
            if (connection.State == System.Data.ConnectionState.Open)
            {
                try
                {
                    await ExecuteAsync(connection, "ROLLBACK", CancellationToken.None);
                }
                catch (MySqlException)
                {
                    // The connection is closed right after; the server rolls back what is left.
                }
            }
        }
    }

    private static async Task ExecuteAsync(MySqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

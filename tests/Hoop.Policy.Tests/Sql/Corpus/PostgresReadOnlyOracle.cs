using Npgsql;

namespace Hoop.Policy.Tests.Sql.Corpus;

/// <summary>
/// Runs statements on a real PostgreSQL, each in its own <c>BEGIN TRANSACTION READ ONLY</c> ... <c>ROLLBACK</c>, on a
/// connection and database whose default is read-only too, with short statement and lock timeouts.
/// </summary>
internal sealed class PostgresReadOnlyOracle : IAsyncDisposable
{
    public const string ReadOnlySqlTransaction = "25006";

    private readonly string _connectionString;
    private NpgsqlConnection? _connection;

    private PostgresReadOnlyOracle(string connectionString)
    {
        _connectionString = new NpgsqlConnectionStringBuilder(connectionString)
        {
            // Everything this connection starts is read-only, even if a statement ended the oracle's own transaction.
            Options = "-c default_transaction_read_only=on -c statement_timeout=2000 -c lock_timeout=1000 -c idle_in_transaction_session_timeout=30000",
            CommandTimeout = 10,
        }.ConnectionString;
    }

    /// <summary>Creates the corpus schema in <paramref name="database"/> and makes the database read-only by default.</summary>
    public static async Task<PostgresReadOnlyOracle> CreateAsync(string connectionString, string database, CancellationToken cancellationToken)
    {
        await using (var setup = new NpgsqlConnection(connectionString))
        {
            await setup.OpenAsync(cancellationToken);
            await using var schema = new NpgsqlCommand(PostgresCorpusSchema.Script, setup);
            await schema.ExecuteNonQueryAsync(cancellationToken);
            await using var readOnly = new NpgsqlCommand($"ALTER DATABASE \"{database}\" SET default_transaction_read_only = on", setup);
            await readOnly.ExecuteNonQueryAsync(cancellationToken);
        }

        return new PostgresReadOnlyOracle(connectionString);
    }

    public Task<IReadOnlyList<OracleCase>> RunCorpusAsync(CancellationToken cancellationToken) =>
        ReadOnlyOracle.RunCorpusAsync(Hoop.Policy.Sql.SqlDialect.PostgreSql, RunAsync, cancellationToken);

    public async Task<OracleCase> RunAsync(SqlCorpusEntry entry, string variant, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var connection = await OpenAsync(cancellationToken);
        // The SELECT takes the transaction's snapshot, after which nothing can switch it to read-write.
        await ExecuteAsync(connection, "BEGIN TRANSACTION READ ONLY; SELECT 1", cancellationToken);
        if (!entry.Settings.StandardConformingStrings)
        {
            await ExecuteAsync(connection, "SET LOCAL standard_conforming_strings = off", cancellationToken);
        }

        OracleCase result;
        var broken = false;
        try
        {
            await ExecuteAsync(connection, text, cancellationToken);
            result = new OracleCase(entry, variant, text, OracleVerdict.Ran, null);
        }
        catch (PostgresException error) when (error.SqlState == ReadOnlySqlTransaction)
        {
            result = new OracleCase(entry, variant, text, OracleVerdict.RefusedAsWrite, $"{error.SqlState}: {error.MessageText}");
        }
        catch (PostgresException error)
        {
            result = new OracleCase(entry, variant, text, OracleVerdict.Failed, $"{error.SqlState}: {error.MessageText}");
        }
        catch (Exception error) when (error is NpgsqlException or InvalidOperationException or NotSupportedException)
        {
            // COPY ... TO STDOUT and the like leave the protocol in a state this command cannot handle: start over.
            result = new OracleCase(entry, variant, text, OracleVerdict.Failed, $"client: {error.GetType().Name}: {error.Message}");
            broken = true;
        }

        if (!broken && connection.State == System.Data.ConnectionState.Open)
        {
            try
            {
                await ExecuteAsync(connection, "ROLLBACK", cancellationToken);
                // Prepared statements, cursors WITH HOLD and advisory locks outlive a rollback.
                await ExecuteAsync(connection, "DISCARD ALL", cancellationToken);
            }
            catch (Exception error) when (error is NpgsqlException or InvalidOperationException)
            {
                broken = true;
            }
        }

        if (broken || connection.State != System.Data.ConnectionState.Open)
        {
            await DisposeAsync();
        }

        return result;
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (_connection is null)
        {
            _connection = new NpgsqlConnection(_connectionString);
            await _connection.OpenAsync(cancellationToken);
        }

        return _connection;
    }
}

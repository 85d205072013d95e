using System.Security.Cryptography;
using Hoop.Testing.Processes;
using Npgsql;

namespace Hoop.Testing.Postgres;

/// <summary>
/// A throwaway PostgreSQL 15 cluster: its own initdb in a scratch directory, SCRAM-SHA-256 password
/// authentication for everyone, listening on a free loopback port and on a Unix socket in the scratch directory.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string Package = "postgresql";
    public const string BinDirectory = "/usr/lib/postgresql/15/bin";

    private readonly ServerProcess _process;

    private PostgresServer(ServerProcess process, int port, string password)
    {
        _process = process;
        Port = port;
        Password = password;
    }

    public string Host { get; } = "127.0.0.1";

    public int Port { get; }

    /// <summary>The bootstrap superuser.</summary>
    public string Username { get; } = "postgres";

    public string Password { get; }

    public string Database { get; } = "postgres";

    /// <summary>Where the server's Unix socket (<c>.s.PGSQL.PORT</c>) lives.</summary>
    public string SocketDirectory => _process.ScratchDirectory;

    public int ProcessId => _process.ServerPid;

    public int WatchdogProcessId => _process.WatchdogPid;

    public string ScratchDirectory => _process.ScratchDirectory;

    public string ConnectionString => ConnectionStringFor(Database);

    public static string? MissingPrerequisite()
    {
        if (!File.Exists(Path.Combine(BinDirectory, "postgres")) || !File.Exists(Path.Combine(BinDirectory, "initdb")))
        {
            return $"PostgreSQL 15 is not installed (no {BinDirectory}/postgres); install the Debian package {Package} (run `make deps`)";
        }

        return ServiceAccount.Postgres.MissingReason(Package);
    }

    public static Task<PostgresServer> StartAsync(CancellationToken cancellationToken = default) =>
        PortRetry.StartAsync(StartOnPortAsync, cancellationToken);

    public string ConnectionStringFor(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = Host,
        Port = Port,
        Username = Username,
        Password = Password,
        Database = database,
        Pooling = false,
        Timeout = 10,
    }.ConnectionString;

    /// <summary>Creates a database only the calling test uses, so tests sharing the server do not collide.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "test", CancellationToken cancellationToken = default)
    {
        var name = $"{prefix}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}";
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return name;
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private static async Task<PostgresServer> StartOnPortAsync(int port, CancellationToken cancellationToken)
    {
        var scratch = ServerProcess.CreateScratchDirectory("postgres");
        var data = Path.Combine(scratch, "data");
        var passwordFile = Path.Combine(scratch, "superuser-password");
        var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        await File.WriteAllTextAsync(passwordFile, password, cancellationToken).ConfigureAwait(false);

        var script = string.Join('\n',
            ShellScript.Command(Path.Combine(BinDirectory, "initdb"), "--pgdata", data, "--username", "postgres",
                "--pwfile", passwordFile, "--auth", "scram-sha-256", "--encoding", "UTF8", "--no-locale", "--no-sync", "--no-instructions"),
            ShellScript.Command("rm", "-f", passwordFile),
            "exec " + ShellScript.Command(Path.Combine(BinDirectory, "postgres"), "-D", data,
                "-c", "listen_addresses=127.0.0.1", "-c", $"port={port}", "-c", $"unix_socket_directories={scratch}",
                "-c", "password_encryption=scram-sha-256",
                // Durability is worth nothing for a throwaway cluster; start-up and tests get faster without it.
                "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"));

        var process = await ServerProcess.StartAsync(scratch, script, "INT", ServiceAccount.Postgres.WhenSwitchNeeded, cancellationToken).ConfigureAwait(false);
        var server = new PostgresServer(process, port, password);
        try
        {
            await process.WaitUntilReadyAsync(server.AcceptsQueriesAsync, TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await process.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task<bool> AcceptsQueriesAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is 1;
    }
}

using System.Security.Cryptography;
using Hoop.Testing.Processes;
using MySqlConnector;

namespace Hoop.Testing.MariaDb;

/// <summary>
/// A throwaway MariaDB 10.11 server (speaks the MySQL protocol): its own data directory from
/// <c>mariadb-install-db</c>, a password user with all privileges, a free loopback port and a Unix socket.
/// </summary>
public sealed class MariaDbServer : IAsyncDisposable
{
    public const string Package = "mariadb-server";
    public const string ServerBinary = "/usr/sbin/mariadbd";
    public const string InstallDbBinary = "/usr/bin/mariadb-install-db";

    private readonly ServerProcess _process;

    private MariaDbServer(ServerProcess process, int port, string password)
    {
        _process = process;
        Port = port;
        Password = password;
    }

    public string Host { get; } = "127.0.0.1";

    public int Port { get; }

    /// <summary>A user with every privilege, authenticated by password over TCP.</summary>
    public string Username { get; } = "hoop";

    public string Password { get; }

    public string SocketPath => Path.Combine(_process.ScratchDirectory, "mysqld.sock");

    public int ProcessId => _process.ServerPid;

    public string ScratchDirectory => _process.ScratchDirectory;

    public string ConnectionString => ConnectionStringFor(null);

    public static string? MissingPrerequisite()
    {
        foreach (var binary in new[] { ServerBinary, InstallDbBinary })
        {
            if (!File.Exists(binary))
            {
                return $"MariaDB is not installed (no {binary}); install the Debian package {Package} (run `make deps`)";
            }
        }

        return ServiceAccount.MySql.MissingReason(Package);
    }

    public static Task<MariaDbServer> StartAsync(CancellationToken cancellationToken = default) =>
        PortRetry.StartAsync(StartOnPortAsync, cancellationToken);

    public string ConnectionStringFor(string? database) => new MySqlConnectionStringBuilder
    {
        Server = Host,
        Port = (uint)Port,
        UserID = Username,
        Password = Password,
        Database = database ?? "",
        Pooling = false,
        ConnectionTimeout = 10,
    }.ConnectionString;

    /// <summary>Creates a database only the calling test uses, so tests sharing the server do not collide.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "test", CancellationToken cancellationToken = default)
    {
        var name = $"{prefix}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}";
        await using var connection = new MySqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new MySqlCommand($"CREATE DATABASE `{name}`", connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return name;
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private static async Task<MariaDbServer> StartOnPortAsync(int port, CancellationToken cancellationToken)
    {
        var scratch = ServerProcess.CreateScratchDirectory("mariadb");
        var data = Path.Combine(scratch, "data");
        var initFile = Path.Combine(scratch, "init.sql");
        var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        await File.WriteAllTextAsync(initFile, $"""
            CREATE USER 'hoop'@'%' IDENTIFIED BY '{password}';
            GRANT ALL PRIVILEGES ON *.* TO 'hoop'@'%' WITH GRANT OPTION;
            """, cancellationToken).ConfigureAwait(false);

        // Temporary tables go to a directory of this server's own: in the shared /tmp, servers started side by side
        // have been seen to fail start-up deleting each other's temporary files.
        var temporary = Path.Combine(scratch, "tmp");
        var script = string.Join('\n',
            ShellScript.Command("mkdir", "-p", temporary),
            ShellScript.Command(InstallDbBinary, "--no-defaults", $"--datadir={data}", $"--tmpdir={temporary}",
                "--auth-root-authentication-method=normal", "--skip-test-db") + " >/dev/null",
            "exec " + ShellScript.Command(ServerBinary, "--no-defaults", $"--datadir={data}", $"--tmpdir={temporary}",
                $"--socket={Path.Combine(scratch, "mysqld.sock")}", $"--port={port}", "--bind-address=127.0.0.1",
                $"--pid-file={Path.Combine(scratch, "mysqld.pid")}", $"--init-file={initFile}", "--skip-name-resolve",
                // Small and fast: a throwaway server needs neither a big buffer pool nor durable commits.
                "--innodb-buffer-pool-size=32M", "--innodb-log-file-size=16M", "--innodb-flush-log-at-trx-commit=0",
                "--max-connections=500"));

        var process = await ServerProcess.StartAsync(scratch, script, "TERM", ServiceAccount.MySql.WhenSwitchNeeded, cancellationToken).ConfigureAwait(false);
        var server = new MariaDbServer(process, port, password);
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
        await using var connection = new MySqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new MySqlCommand("SELECT 1", connection);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }
}

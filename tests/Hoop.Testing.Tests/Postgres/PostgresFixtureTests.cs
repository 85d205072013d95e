using Hoop.Testing.Postgres;
using Npgsql;

namespace Hoop.Testing.Tests.Postgres;

public sealed class PostgresFixtureTests(PostgresFixture fixture) : IClassFixture<PostgresFixture>
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Npgsql_logs_in_with_scram_and_talks_to_PostgreSQL_15()
    {
        var server = fixture.Server;
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync(_ct);

        Assert.StartsWith("15.", connection.PostgreSqlVersion.ToString(), StringComparison.Ordinal);
        await using var command = new NpgsqlCommand(
            "SELECT current_setting('password_encryption'), rolpassword LIKE 'SCRAM-SHA-256$%' FROM pg_authid WHERE rolname = current_user", connection);
        await using var reader = await command.ExecuteReaderAsync(_ct);
        Assert.True(await reader.ReadAsync(_ct));
        Assert.Equal("scram-sha-256", reader.GetString(0));
        Assert.True(reader.GetBoolean(1), "the superuser's password is stored as a SCRAM-SHA-256 verifier");
    }

    [Fact]
    public async Task A_wrong_password_is_refused()
    {
        var builder = new NpgsqlConnectionStringBuilder(fixture.Server.ConnectionString) { Password = "not-the-password" };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);

        var error = await Assert.ThrowsAsync<PostgresException>(() => connection.OpenAsync(_ct));
        Assert.Equal(PostgresErrorCodes.InvalidPassword, error.SqlState);
    }

    [Fact]
    public async Task Each_test_can_have_its_own_database()
    {
        var server = fixture.Server;
        var first = await server.CreateDatabaseAsync(cancellationToken: _ct);
        var second = await server.CreateDatabaseAsync(cancellationToken: _ct);
        Assert.NotEqual(first, second);

        await using var connection = new NpgsqlConnection(server.ConnectionStringFor(first));
        await connection.OpenAsync(_ct);
        await using var command = new NpgsqlCommand("CREATE TABLE users (id int PRIMARY KEY, email text); INSERT INTO users VALUES (1, 'a@example.com'); SELECT current_database(), count(*) FROM users", connection);
        await using var reader = await command.ExecuteReaderAsync(_ct);
        Assert.True(await reader.ReadAsync(_ct));
        Assert.Equal(first, reader.GetString(0));
        Assert.Equal(1, reader.GetInt64(1));
    }

    [Fact]
    public async Task The_server_listens_only_on_loopback_and_its_own_socket()
    {
        var server = fixture.Server;
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync(_ct);
        await using var command = new NpgsqlCommand("SELECT current_setting('listen_addresses'), current_setting('unix_socket_directories')", connection);
        await using var reader = await command.ExecuteReaderAsync(_ct);
        Assert.True(await reader.ReadAsync(_ct));
        Assert.Equal("127.0.0.1", reader.GetString(0));
        Assert.Equal(server.SocketDirectory, reader.GetString(1));
        Assert.True(File.Exists(Path.Combine(server.SocketDirectory, $".s.PGSQL.{server.Port}")));
    }
}

using Hoop.Testing.MariaDb;
using MySqlConnector;

namespace Hoop.Testing.Tests.MariaDb;

public sealed class MariaDbFixtureTests(MariaDbFixture fixture) : IClassFixture<MariaDbFixture>
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task MySqlConnector_logs_in_and_talks_to_MariaDB_10_11()
    {
        var server = fixture.Server;
        await using var connection = new MySqlConnection(server.ConnectionString);
        await connection.OpenAsync(_ct);

        // MariaDB announces itself as "5.5.5-10.11.x-MariaDB" in the handshake, for old MySQL clients' sake.
        Assert.Contains("-MariaDB", connection.ServerVersion, StringComparison.Ordinal);
        await using var command = new MySqlCommand("SELECT VERSION(), CURRENT_USER()", connection);
        await using var reader = await command.ExecuteReaderAsync(_ct);
        Assert.True(await reader.ReadAsync(_ct));
        Assert.StartsWith("10.11.", reader.GetString(0), StringComparison.Ordinal);
        Assert.Equal("hoop@%", reader.GetString(1));
    }

    [Fact]
    public async Task A_wrong_password_is_refused()
    {
        var builder = new MySqlConnectionStringBuilder(fixture.Server.ConnectionString) { Password = "not-the-password" };
        await using var connection = new MySqlConnection(builder.ConnectionString);

        var error = await Assert.ThrowsAsync<MySqlException>(() => connection.OpenAsync(_ct));
        Assert.Equal(MySqlErrorCode.AccessDenied, error.ErrorCode);
    }

    [Fact]
    public async Task Text_and_binary_protocol_results_round_trip_in_a_test_database()
    {
        var server = fixture.Server;
        var database = await server.CreateDatabaseAsync(cancellationToken: _ct);
        await using var connection = new MySqlConnection(server.ConnectionStringFor(database));
        await connection.OpenAsync(_ct);
        await using (var create = new MySqlCommand("CREATE TABLE users (id INT PRIMARY KEY, email VARCHAR(200)); INSERT INTO users VALUES (1, 'a@example.com')", connection))
        {
            await create.ExecuteNonQueryAsync(_ct);
        }

        // A prepared statement travels as COM_STMT_PREPARE/EXECUTE and comes back in the binary result set format.
        await using var select = new MySqlCommand("SELECT email FROM users WHERE id = @id", connection);
        select.Parameters.AddWithValue("@id", 1);
        await select.PrepareAsync(_ct);
        Assert.Equal("a@example.com", await select.ExecuteScalarAsync(_ct));
    }
}

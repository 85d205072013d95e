using System.Buffers.Binary;
using System.Text;
using Hoop.Testing.Kubernetes;
using Npgsql;

namespace Hoop.Gateway.Tests.EndToEnd;

/// <summary>What the gateway does with clients that log in wrongly or speak the protocol badly: a clear error, and it keeps serving.</summary>
public sealed class ClientRefusalTests(GatewayWorld world) : IClassFixture<GatewayWorld>
{
    /// <summary>The gateway's own limit on a client message body.</summary>
    private const int MaxClientMessage = 64 * 1024 * 1024;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_wrong_token_gets_28P01_without_the_token_in_the_message()
    {
        SkipWithoutWorld();
        const string wrong = "alice-token-not-issued-5e1f";
        await using var connection = new NpgsqlConnection(
            world.ConnectionStringFor(TestUsers.Alice).Replace(TestUsers.TokenOf(TestUsers.Alice), wrong, StringComparison.Ordinal));
        var error = await Assert.ThrowsAsync<PostgresException>(() => connection.OpenAsync(Ct));
        Assert.Equal("28P01", error.SqlState);
        Assert.DoesNotContain(wrong, error.MessageText, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, error.Detail ?? "", StringComparison.Ordinal);
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task A_database_other_than_the_connections_gets_3D000()
    {
        SkipWithoutWorld();
        await using var connection = new NpgsqlConnection(world.ConnectionStringFor(TestUsers.Alice).Replace($"Database={world.Database}", "Database=postgres", StringComparison.Ordinal));
        var error = await Assert.ThrowsAsync<PostgresException>(() => connection.OpenAsync(Ct));
        Assert.Equal("3D000", error.SqlState);
        Assert.Contains(world.Database, error.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dave_without_any_group_of_note_may_still_read()
    {
        SkipWithoutWorld();
        await using var connection = new NpgsqlConnection(world.ConnectionStringFor(TestUsers.Dave));
        await connection.OpenAsync(Ct);
        await using var read = new NpgsqlCommand("SELECT count(*) FROM orders", connection);
        Assert.Equal(2L, await read.ExecuteScalarAsync(Ct));
    }

    [Fact]
    public async Task Tls_is_offered_and_npgsql_requiring_it_reads()
    {
        SkipWithoutWorld();
        await using var connection = new NpgsqlConnection(world.ConnectionStringFor(TestUsers.Alice, "SSL Mode=Require"));
        await connection.OpenAsync(Ct);
        await using var read = new NpgsqlCommand("SELECT count(*) FROM orders", connection);
        Assert.Equal(2L, await read.ExecuteScalarAsync(Ct));
    }

    [Fact]
    public async Task A_raw_client_logs_in_over_tls()
    {
        SkipWithoutWorld();
        using var timeout = Bounded();
        await using var client = await RawPostgresClient.ConnectAsync(world.Gateway, timeout.Token);
        await client.StartTlsAsync(timeout.Token);
        await client.LoginAsync(TestUsers.Alice, world.Database, TestUsers.TokenOf(TestUsers.Alice), timeout.Token);
        await client.SendAsync(RawPostgresClient.Message('Q', RawPostgresClient.CString("SELECT 'over' || ' tls'")), timeout.Token);
        var text = new StringBuilder();
        while (await client.ReadMessageAsync(timeout.Token) is { } message && message.Type != 'Z')
        {
            Assert.NotEqual('E', message.Type);
            text.Append(Encoding.UTF8.GetString(message.Body));
        }

        Assert.Contains("over tls", text.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gss_encryption_is_declined_with_N_and_the_client_goes_on_in_plain_text()
    {
        SkipWithoutWorld();
        using var timeout = Bounded();
        await using var client = await RawPostgresClient.ConnectAsync(world.Gateway, timeout.Token);
        await client.SendAsync(RawPostgresClient.Request(RawPostgresClient.GssEncryptionRequestCode), timeout.Token);
        Assert.Equal('N', (char)await client.ReadByteAsync(timeout.Token));
        await client.LoginAsync(TestUsers.Alice, world.Database, TestUsers.TokenOf(TestUsers.Alice), timeout.Token);
    }

    [Fact]
    public async Task A_startup_packet_longer_than_postgres_allows_is_refused()
    {
        SkipWithoutWorld();
        var packet = new byte[8];
        BinaryPrimitives.WriteInt32BigEndian(packet, 20000);
        BinaryPrimitives.WriteInt32BigEndian(packet.AsSpan(4), 3 << 16);
        await AssertRefusedAsync(packet, endSending: false, "08P01");
    }

    [Fact]
    public async Task Garbage_instead_of_a_startup_packet_is_refused()
    {
        SkipWithoutWorld();
        await AssertRefusedAsync("GET / HTTP/1.1\r\n"u8.ToArray(), endSending: false, "08P01");
    }

    [Fact]
    public async Task A_startup_packet_cut_short_by_the_client_ends_the_session()
    {
        SkipWithoutWorld();
        var startup = RawPostgresClient.Startup(TestUsers.Alice, world.Database);
        await AssertRefusedAsync(startup[..(startup.Length / 2)], endSending: true, "08P01");
    }

    [Fact]
    public async Task A_password_message_far_beyond_any_token_is_refused_from_its_header_alone()
    {
        SkipWithoutWorld();
        using var timeout = Bounded();
        await using var client = await RawPostgresClient.ConnectAsync(world.Gateway, timeout.Token);
        await client.SendAsync(RawPostgresClient.Startup(TestUsers.Alice, world.Database), timeout.Token);
        Assert.Equal('R', (await client.ReadMessageAsync(timeout.Token))?.Type);
        await client.SendAsync(RawPostgresClient.Header('p', 4 + (1024 * 1024)), timeout.Token);

        var error = await client.ReadUntilErrorAsync(timeout.Token);
        Assert.NotNull(error);
        Assert.True(error.Field('C') is "54000" or "08P01", $"expected 54000 (or 08P01), got {error.Describe()}");
        Assert.Null(await client.ReadMessageAsync(timeout.Token));
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task An_unknown_message_type_after_login_is_a_fatal_08P01()
    {
        SkipWithoutWorld();
        using var timeout = Bounded();
        await using var client = await RawPostgresClient.ConnectAsync(world.Gateway, timeout.Token);
        await client.LoginAsync(TestUsers.Alice, world.Database, TestUsers.TokenOf(TestUsers.Alice), timeout.Token);
        await client.SendAsync(RawPostgresClient.Message('Y', []), timeout.Token);

        var error = await client.ReadUntilErrorAsync(timeout.Token);
        Assert.NotNull(error);
        Assert.Equal("FATAL", error.Field('S'));
        Assert.Equal("08P01", error.Field('C'));
        Assert.Null(await client.ReadMessageAsync(timeout.Token));
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task A_query_announced_beyond_64_MiB_is_refused_from_its_header_alone()
    {
        SkipWithoutWorld();
        using var timeout = Bounded();
        await using var client = await RawPostgresClient.ConnectAsync(world.Gateway, timeout.Token);
        await client.LoginAsync(TestUsers.Alice, world.Database, TestUsers.TokenOf(TestUsers.Alice), timeout.Token);

        // Only the header goes out: a gateway that waited for the body before judging the length would time this test out.
        await client.SendAsync(RawPostgresClient.Header('Q', 4 + MaxClientMessage + 1), timeout.Token);
        var error = await client.ReadUntilErrorAsync(timeout.Token);
        Assert.NotNull(error);
        Assert.True(error.Field('C') is "54000" or "08P01", $"expected 54000 (or 08P01), got {error.Describe()}");
        Assert.Null(await client.ReadMessageAsync(timeout.Token));
        await AssertStillServesAsync();
    }

    private void SkipWithoutWorld() => Assert.SkipWhen(world.MissingReason is not null, world.MissingReason ?? "");

    private static CancellationTokenSource Bounded()
    {
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        return timeout;
    }

    /// <summary>Sends <paramref name="bytes"/> as the first thing on a connection; the gateway must answer with an error or close.</summary>
    private async Task AssertRefusedAsync(byte[] bytes, bool endSending, string sqlState)
    {
        using var timeout = Bounded();
        await using (var client = await RawPostgresClient.ConnectAsync(world.Gateway, timeout.Token))
        {
            await client.SendAsync(bytes, timeout.Token);
            if (endSending)
            {
                client.EndSending();
            }

            var error = await client.ReadUntilErrorAsync(timeout.Token);
            if (error is not null)
            {
                Assert.Equal(sqlState, error.Field('C'));
                Assert.Null(await client.ReadMessageAsync(timeout.Token));
            }
        }

        await AssertStillServesAsync();
    }

    private async Task AssertStillServesAsync()
    {
        await using var connection = new NpgsqlConnection(world.ConnectionStringFor(TestUsers.Alice));
        await connection.OpenAsync(Ct);
        await using var one = new NpgsqlCommand("SELECT 1", connection);
        Assert.Equal(1, await one.ExecuteScalarAsync(Ct));
    }
}

using System.Diagnostics;
using Hoop.Testing.Kubernetes;
using Npgsql;

namespace Hoop.Gateway.Tests.EndToEnd;

/// <summary>Npgsql's everyday habits through the gateway: auto-prepared statements, cancellation, held writes, and refusals however they are spelled.</summary>
public sealed class NpgsqlThroughGatewayTests(GatewayWorld world) : IClassFixture<GatewayWorld>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Auto_prepared_statements_keep_returning_their_values_masked()
    {
        await using var connection = await world.OpenAsAsync(TestUsers.Alice, "Max Auto Prepare=5;Auto Prepare Min Usages=1");
        for (var run = 1; run <= 3; run++)
        {
            await using var command = new NpgsqlCommand("SELECT name, email FROM users WHERE id = @id", connection);
            command.Parameters.AddWithValue("id", 1);
            await using var reader = await command.ExecuteReaderAsync(Ct);
            Assert.True(await reader.ReadAsync(Ct));
            Assert.False(reader.IsDBNull(0), $"run {run}: the name came back NULL");
            Assert.Equal("Alice", reader.GetString(0));
            Assert.False(reader.IsDBNull(1), $"run {run}: the email came back NULL");
            Assert.DoesNotContain("alice@example.com", reader.GetString(1), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Cancelling_a_running_query_gets_57014_and_the_session_goes_on()
    {
        await using var connection = await world.OpenAsAsync(TestUsers.Alice);
        await using var sleep = new NpgsqlCommand("SELECT pg_sleep(30)", connection);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cancel.CancelAfter(TimeSpan.FromSeconds(1));
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sleep.ExecuteNonQueryAsync(cancel.Token));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"the cancel took {clock.Elapsed}");
        Assert.Equal("57014", Assert.IsType<PostgresException>(error.InnerException).SqlState);

        await using var read = new NpgsqlCommand("SELECT count(*) FROM orders", connection);
        Assert.Equal(2L, await read.ExecuteScalarAsync(Ct));
    }

    [Theory]
    [InlineData("drop database postgres")]
    [InlineData("DROP  DATABASE postgres")]
    [InlineData("DROP\tDATABASE postgres")]
    [InlineData("\n  DROP DATABASE postgres")]
    [InlineData("/* routine cleanup */ DROP DATABASE postgres")]
    [InlineData("-- routine cleanup\nDROP DATABASE postgres")]
    [InlineData("SELECT 1; DROP DATABASE postgres")]
    [InlineData("DROP SCHEMA public CASCADE")]
    public async Task A_drop_database_or_schema_is_denied_however_it_is_spelled(string sql)
    {
        await using var connection = await world.OpenAsAsync(TestUsers.Alice, "Options=-c hoop.reason=INC-1");
        await using var drop = new NpgsqlCommand(sql, connection);

        // Held for approval instead of denied, the statement would wait: the cancel turns that into a 57014 and a failure.
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cancel.CancelAfter(TimeSpan.FromSeconds(10));
        var error = await Assert.ThrowsAnyAsync<Exception>(() => drop.ExecuteNonQueryAsync(cancel.Token));
        var postgres = error as PostgresException ?? error.InnerException as PostgresException;
        Assert.True(postgres?.SqlState == "42501", $"expected 42501 from the production policy's deny, got {postgres?.SqlState ?? error.GetType().Name}: {postgres?.MessageText ?? error.Message}");
        Assert.Contains("production", postgres!.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_write_is_held_and_a_cancel_withdraws_its_pending_request() => await CancelHeldWriteAsync(waitForPending: true);

    [Fact]
    public async Task A_cancel_before_the_operator_first_evaluates_the_request_still_withdraws_it() => await CancelHeldWriteAsync(waitForPending: false);

    private async Task CancelHeldWriteAsync(bool waitForPending)
    {
        await using var connection = await world.OpenAsAsync(TestUsers.Alice);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var notices = new List<string>();
        connection.Notice += (_, e) =>
        {
            lock (notices)
            {
                notices.Add(e.Notice.MessageText);
            }

            if (!waitForPending)
            {
                // The moment the request exists: before the operator has evaluated it, as an impatient Ctrl-C would.
                cancel.Cancel();
            }
        };

        await using var delete = new NpgsqlCommand("DELETE FROM orders WHERE id = 11", connection);
        var running = delete.ExecuteNonQueryAsync(cancel.Token);
        var name = "";
        await GatewayWorld.EventuallyAsync(() =>
        {
            lock (notices)
            {
                name = notices.FirstOrDefault(n => n.StartsWith("approval required: kubectl hoop approve ", StringComparison.Ordinal))?.Split(' ')[5] ?? "";
            }

            return Task.FromResult(name.Length > 0 || running.IsCompleted);
        }, "the gateway sends the approval NOTICE", Ct);
        if (waitForPending)
        {
            Assert.False(running.IsCompleted, "the DELETE finished without approval");
            await GatewayWorld.EventuallyAsync(async () => await world.RequestPhaseAsync(name) == "Pending", $"AccessRequest {name} is Pending", Ct);
        }

        await cancel.CancelAsync();
        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running.WaitAsync(TimeSpan.FromSeconds(30), Ct));
        var refusal = Assert.IsType<PostgresException>(error.InnerException);
        Assert.Equal("57014", refusal.SqlState);

        await using var direct = new NpgsqlConnection(world.Postgres.ConnectionStringFor(world.Database));
        await direct.OpenAsync(Ct);
        await using var count = new NpgsqlCommand("SELECT count(*) FROM orders WHERE id = 11", direct);
        Assert.Equal(1L, await count.ExecuteScalarAsync(Ct));

        // Nobody may approve a statement its client gave up on.
        string? phase = null;
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline && (phase = await world.RequestPhaseAsync(name)) != "Cancelled")
        {
            await Task.Delay(200, Ct);
        }

        Assert.True(phase == "Cancelled", $"AccessRequest {name} is {phase ?? "without a phase"}, not Cancelled; the client was told: {refusal.MessageText}");

        await using var read = new NpgsqlCommand("SELECT count(*) FROM orders", connection);
        Assert.Equal(2L, await read.ExecuteScalarAsync(Ct));
    }
}

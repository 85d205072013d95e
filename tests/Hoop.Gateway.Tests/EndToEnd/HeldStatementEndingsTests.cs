using Hoop.Testing.Kubernetes;
using Npgsql;

namespace Hoop.Gateway.Tests.EndToEnd;

/// <summary>How a held statement ends when it does not run: a reviewer's denial, expiry, the client's Ctrl-C — each with its error, the database untouched.</summary>
public sealed class HeldStatementEndingsTests(GatewayWorld world) : IClassFixture<GatewayWorld>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ctrl_c_while_held_cancels_the_request_and_answers_57014()
    {
        await using var held = await HoldAsync("UPDATE orders SET total = 0 WHERE id = 10");
        await held.Cancel.CancelAsync();
        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => held.Running.WaitAsync(TimeSpan.FromSeconds(20), Ct));
        Assert.Equal("57014", Assert.IsType<PostgresException>(error.InnerException).SqlState);

        await GatewayWorld.EventuallyAsync(async () => await world.RequestPhaseAsync(held.Name) == "Cancelled", "the request is Cancelled", Ct);
        Assert.Equal(42.50m, await world.OrderTotalAsync(10));

        // The session goes on after the cancellation.
        await using var read = new NpgsqlCommand("SELECT count(*) FROM orders", held.Connection);
        Assert.Equal(2L, await read.ExecuteScalarAsync(Ct));
    }

    [Fact]
    public async Task A_reviewers_denial_answers_42501_with_the_reviewer_and_comment()
    {
        await using var held = await HoldAsync("UPDATE orders SET total = 1 WHERE id = 11");
        await GatewayWorld.EventuallyAsync(async () => await world.RequestPhaseAsync(held.Name) == "Pending", "the operator evaluated the request", Ct);
        (await world.As(TestUsers.Bob).RunAsync(["patch", "accessrequest", held.Name, "-n", GatewayWorld.Namespace, "--subresource=status", "--type=json",
            "-p", """[{"op":"add","path":"/status/reviews/-","value":{"decision":"Deny","comment":"not during the freeze"}}]"""], null, Ct)).Succeeded();

        var error = await Assert.ThrowsAsync<PostgresException>(() => held.Running.WaitAsync(TimeSpan.FromSeconds(20), Ct));
        Assert.Equal("42501", error.SqlState);
        Assert.Contains($"AccessRequest {held.Name} was denied by bob: not during the freeze", error.MessageText, StringComparison.Ordinal);
        Assert.Equal(7.25m, await world.OrderTotalAsync(11));
    }

    [Fact]
    public async Task An_expired_request_answers_42501_and_nothing_runs()
    {
        await using var held = await HoldAsync("DELETE FROM orders WHERE id = 10");
        await GatewayWorld.EventuallyAsync(async () => await world.RequestPhaseAsync(held.Name) == "Pending", "the operator evaluated the request", Ct);

        // The rule's hour passes: the operator (whose identity is admin's here) expires the request; its own tests cover when.
        (await world.As(TestUsers.Admin).RunAsync(["patch", "accessrequest", held.Name, "-n", GatewayWorld.Namespace, "--subresource=status", "--type=merge",
            "-p", """{"status":{"phase":"Expired"}}"""], null, Ct)).Succeeded();

        var error = await Assert.ThrowsAsync<PostgresException>(() => held.Running.WaitAsync(TimeSpan.FromSeconds(30), Ct));
        Assert.Equal("42501", error.SqlState);
        Assert.Contains($"AccessRequest {held.Name} expired before it was approved", error.MessageText, StringComparison.Ordinal);
        Assert.Equal(42.50m, await world.OrderTotalAsync(10));
    }

    [Fact]
    public async Task A_client_that_disconnects_while_held_cancels_its_request_and_nothing_runs()
    {
        Assert.SkipWhen(world.MissingReason is not null, world.MissingReason ?? "");
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(world.Gateway, Ct);
        var stream = client.GetStream();
        await stream.WriteAsync(Wire.Startup(("user", TestUsers.Alice), ("database", world.Database)), Ct);
        Assert.Equal((byte)'R', (await Wire.ReadAsync(stream, Ct)).Type);
        await stream.WriteAsync(Wire.Message((byte)'p', Wire.CString(TestUsers.TokenOf(TestUsers.Alice))), Ct);
        while ((await Wire.ReadAsync(stream, Ct)).Type != (byte)'Z')
        {
        }

        await stream.WriteAsync(Wire.Message((byte)'Q', Wire.CString("DELETE FROM orders WHERE id = 11")), Ct);
        string name;
        while (true)
        {
            var (type, body) = await Wire.ReadAsync(stream, Ct);
            var text = System.Text.Encoding.UTF8.GetString(body);
            if (type == (byte)'N' && text.Contains("approval required", StringComparison.Ordinal))
            {
                name = text[(text.IndexOf("approve ", StringComparison.Ordinal) + 8)..].Split(' ')[0];
                break;
            }
        }

        client.Close();
        await GatewayWorld.EventuallyAsync(async () => await world.RequestPhaseAsync(name) == "Cancelled", "the request of the departed client is Cancelled", Ct);
        Assert.Equal(7.25m, await world.OrderTotalAsync(11));
    }

    /// <summary>Alice sends a write (one approval needed) and waits for the gateway's NOTICE naming the request.</summary>
    private async Task<HeldStatement> HoldAsync(string sql)
    {
        var connection = await world.OpenAsAsync(TestUsers.Alice);
        var name = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Notice += (_, e) =>
        {
            if (e.Notice.MessageText.StartsWith("approval required: kubectl hoop approve ", StringComparison.Ordinal))
            {
                name.TrySetResult(e.Notice.MessageText.Split(' ')[5]);
            }
        };

        var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var command = new NpgsqlCommand(sql, connection);
        var running = command.ExecuteNonQueryAsync(cancel.Token);
        return new HeldStatement(connection, command, cancel, running, await name.Task.WaitAsync(TimeSpan.FromSeconds(20), Ct));
    }

    private sealed record HeldStatement(NpgsqlConnection Connection, NpgsqlCommand Command, CancellationTokenSource Cancel, Task Running, string Name) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Cancel.CancelAsync();
            try
            {
                await Running.WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception e) when (e is OperationCanceledException or PostgresException or TimeoutException or NpgsqlException)
            {
            }

            await Command.DisposeAsync();
            await Connection.DisposeAsync();
            Cancel.Dispose();
        }
    }
}

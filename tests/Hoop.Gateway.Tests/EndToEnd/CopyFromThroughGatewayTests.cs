using Hoop.Testing.Kubernetes;
using Npgsql;

namespace Hoop.Gateway.Tests.EndToEnd;

/// <summary>
/// COPY ... FROM STDIN is a write: held until approved like any other, then the client's COPY data flows through the
/// gateway to the server, and the request records the rows copied.
/// </summary>
public sealed class CopyFromThroughGatewayTests(GatewayWorld world) : IClassFixture<GatewayWorld>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Copy_from_stdin_is_held_then_its_rows_reach_the_table()
    {
        await using (var direct = new NpgsqlConnection(world.Postgres.ConnectionStringFor(world.Database)))
        {
            await direct.OpenAsync(Ct);
            await using var create = new NpgsqlCommand("CREATE TABLE IF NOT EXISTS shipments (id int PRIMARY KEY, note text NOT NULL)", direct);
            await create.ExecuteNonQueryAsync(Ct);
        }

        await using var connection = await world.OpenAsAsync(TestUsers.Alice);
        var notices = new List<string>();
        connection.Notice += (_, e) =>
        {
            lock (notices)
            {
                notices.Add(e.Notice.MessageText);
            }
        };

        // Npgsql sends the COPY and waits for the server's CopyInResponse, which comes only once the statement is approved.
        var opening = connection.BeginTextImportAsync("COPY shipments (id, note) FROM STDIN", Ct);
        var name = "";
        await GatewayWorld.EventuallyAsync(() =>
        {
            lock (notices)
            {
                name = notices.FirstOrDefault(n => n.StartsWith("approval required: kubectl hoop approve ", StringComparison.Ordinal))?.Split(' ')[5] ?? "";
            }

            return Task.FromResult(name.Length > 0 || opening.IsCompleted);
        }, "the gateway holds the COPY with a NOTICE", Ct);
        Assert.False(opening.IsCompleted, "the COPY started without approval");

        await GatewayWorld.EventuallyAsync(async () => await world.RequestPhaseAsync(name) == "Pending", "the operator evaluated the request", Ct);
        (await world.As(TestUsers.Bob).RunAsync(["patch", "accessrequest", name, "-n", GatewayWorld.Namespace, "--subresource=status", "--type=json",
            "-p", """[{"op":"add","path":"/status/reviews/-","value":{"decision":"Approve","comment":"backfill"}}]"""], null, Ct)).Succeeded();

        using (var writer = await opening.WaitAsync(TimeSpan.FromSeconds(30), Ct))
        {
            await writer.WriteAsync("1\tfirst parcel\n2\tsecond parcel\n");
        }

        await using (var direct = new NpgsqlConnection(world.Postgres.ConnectionStringFor(world.Database)))
        {
            await direct.OpenAsync(Ct);
            await using var count = new NpgsqlCommand("SELECT string_agg(note, ',' ORDER BY id) FROM shipments", direct);
            Assert.Equal("first parcel,second parcel", await count.ExecuteScalarAsync(Ct));
        }

        await GatewayWorld.EventuallyAsync(async () => await world.RequestPhaseAsync(name) == "Succeeded", $"AccessRequest {name} Succeeded", Ct);
        var status = await world.RequestStatusAsync(name);
        Assert.Equal(2, status?["execution"]?["rowsAffected"]?.GetValue<long>());

        // The session goes on.
        await using var read = new NpgsqlCommand("SELECT count(*) FROM shipments", connection);
        Assert.Equal(2L, await read.ExecuteScalarAsync(Ct));
    }
}

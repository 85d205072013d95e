using Hoop.Testing.Kubernetes;
using k8s;
using Npgsql;

namespace Hoop.Gateway.Tests.EndToEnd;

/// <summary>Real clients through the gateway to the real PostgreSQL, with the operator deciding and reviewers approving with kubectl.</summary>
public sealed class PostgresGatewayTests(GatewayWorld world) : IClassFixture<GatewayWorld>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reads_flow_and_masked_columns_never_reach_the_client_in_clear()
    {
        await using var connection = await world.OpenAsAsync(TestUsers.Alice);
        await using var command = new NpgsqlCommand("SELECT id, name, email, ssn FROM users ORDER BY id", connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var rows = new List<(int, string, string, string?)>();
        while (await reader.ReadAsync(Ct))
        {
            rows.Add((reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        Assert.Equal(2, rows.Count);
        Assert.Equal("Alice", rows[0].Item2);
        Assert.DoesNotContain("alice@example.com", rows[0].Item3, StringComparison.Ordinal);
        Assert.EndsWith("@example.com", rows[0].Item3, StringComparison.Ordinal);
        Assert.DoesNotContain("123-45-6789", rows[0].Item4 ?? "", StringComparison.Ordinal);
        Assert.Null(rows[1].Item4);
    }

    [Fact]
    public async Task A_denied_statement_gets_42501_naming_the_policy_and_the_session_goes_on()
    {
        await using var connection = await world.OpenAsAsync(TestUsers.Alice);
        await using var drop = new NpgsqlCommand("DROP DATABASE postgres", connection);
        var error = await Assert.ThrowsAsync<PostgresException>(() => drop.ExecuteNonQueryAsync(Ct));
        Assert.Equal("42501", error.SqlState);
        Assert.Contains("production", error.MessageText, StringComparison.Ordinal);

        await using var read = new NpgsqlCommand("SELECT count(*) FROM orders", connection);
        Assert.Equal(2L, await read.ExecuteScalarAsync(Ct));
    }

    [Fact]
    public async Task Ddl_is_held_with_a_notice_and_runs_once_bob_and_carol_approve()
    {
        await using var connection = await world.OpenAsAsync(TestUsers.Alice, "Options=-c hoop.reason=INC-4711");
        var notices = new List<string>();
        connection.Notice += (_, e) =>
        {
            lock (notices)
            {
                notices.Add(e.Notice.MessageText);
            }
        };

        await using var alter = new NpgsqlCommand("ALTER TABLE orders ADD COLUMN shipped_at timestamptz", connection);
        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var running = alter.ExecuteNonQueryAsync(giveUp.Token);
        try
        {
            await ApproveAndCheckAsync(running, notices);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            File.WriteAllLines(Path.Combine(Path.GetTempPath(), "hoop-gateway-test.log"), [e.ToString(), .. world.Log.Lines]);
            throw;
        }
        finally
        {
            // A failed check must not leave the client waiting on its held statement.
            await giveUp.CancelAsync();
        }
    }

    private async Task ApproveAndCheckAsync(Task running, List<string> notices)
    {

        string name = "";
        await GatewayWorld.EventuallyAsync(() =>
        {
            lock (notices)
            {
                name = notices.FirstOrDefault(n => n.StartsWith("approval required: kubectl hoop approve ", StringComparison.Ordinal))?.Split(' ')[5] ?? "";
            }

            return Task.FromResult(name.Length > 0);
        }, "the gateway sends the approval NOTICE", Ct);
        Assert.Contains(notices, n => n.Contains($"-n {GatewayWorld.Namespace} (2 approvals needed, from dba-leads)", StringComparison.Ordinal));
        Assert.False(running.IsCompleted);

        foreach (var reviewer in new[] { TestUsers.Bob, TestUsers.Carol })
        {
            await GatewayWorld.EventuallyAsync(async () => (await world.RequestStatusAsync(name))?["phase"]?.GetValue<string>() == "Pending", "the operator evaluated the request", Ct);
            (await world.As(reviewer).RunAsync(["patch", "accessrequest", name, "-n", GatewayWorld.Namespace, "--subresource=status", "--type=json",
                "-p", """[{"op":"add","path":"/status/reviews/-","value":{"decision":"Approve","comment":"ok"}}]"""], null, Ct)).Succeeded();
        }

        await running.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        await using var check = new NpgsqlConnection(world.Postgres.ConnectionStringFor(world.Database));
        await check.OpenAsync(Ct);
        await using var column = new NpgsqlCommand("SELECT count(*) FROM information_schema.columns WHERE table_name = 'orders' AND column_name = 'shipped_at'", check);
        Assert.Equal(1L, await column.ExecuteScalarAsync(Ct));

        await GatewayWorld.EventuallyAsync(async () => (await world.RequestStatusAsync(name))?["phase"]?.GetValue<string>() == "Succeeded", "the request records its execution", Ct);
        var status = await world.RequestStatusAsync(name);
        Assert.Equal("gw-0", status!["execution"]!["executedBy"]!.GetValue<string>());
        Assert.NotNull(status["execution"]!["recording"]!["session"]);
    }

    [Fact]
    public async Task The_session_is_recorded_intact_signed_and_without_a_masked_value_in_clear()
    {
        string session;
        await using (var connection = await world.OpenAsAsync(TestUsers.Alice))
        {
            await using var read = new NpgsqlCommand("SELECT email, ssn FROM users", connection);
            await using (var reader = await read.ExecuteReaderAsync(Ct))
            {
                while (await reader.ReadAsync(Ct))
                {
                }
            }

            await using var denied = new NpgsqlCommand("DROP SCHEMA public CASCADE", connection);
            await Assert.ThrowsAsync<PostgresException>(() => denied.ExecuteNonQueryAsync(Ct));
            // Records are buffered until a checkpoint: the open log is this session's, the newest one.
            session = Path.GetFileName(new DirectoryInfo(world.Recordings).GetFiles("*.jsonl.open").MaxBy(f => f.CreationTimeUtc)!.Name)[..^".jsonl.open".Length];
        }

        var log = Path.Combine(world.Recordings, session + ".jsonl");
        await GatewayWorld.EventuallyAsync(() => Task.FromResult(File.Exists(log)), "the ended session's log is closed", Ct);
        var secret = await world.Admin.CoreV1.ReadNamespacedSecretAsync(Api.GatewayNames.RecordingKey(GatewayWorld.ConnectionName), GatewayWorld.Namespace, cancellationToken: Ct);
        var key = secret.Data[Api.GatewayNames.RecordingKeyField];
        var keyId = System.Text.RegularExpressions.Regex.Match(await File.ReadAllTextAsync(log, Ct), "\"keyId\":\"([^\"]+)\"").Groups[1].Value;
        var verification = new Recording.Verification.ReplayLogVerifier([new Recording.Chain.ReplayLogKey(keyId, key)]).Verify(log);
        Assert.True(verification.ExitCode == 0, verification.Describe());

        var records = Recording.Reading.ReplayLogReader.Read(log).Select(e => e.Record).ToList();
        Assert.Contains(records, r => r is Recording.Records.StatementRecord { Decision.Action: "Deny" } s && s.Text.Contains("DROP SCHEMA", StringComparison.Ordinal));
        Assert.Contains(records, r => r is Recording.Records.ResultRecord { RowsReturned: 2 });
        Assert.Contains(records, r => r is Recording.Records.ErrorRecord { Code: "42501" });

        foreach (var file in Directory.GetFiles(world.Recordings))
        {
            var bytes = await File.ReadAllBytesAsync(file, Ct);
            foreach (var clear in new[] { "alice@example.com", "123-45-6789" })
            {
                Assert.Equal(-1, bytes.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(clear)));
            }
        }
    }
}

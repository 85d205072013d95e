using Hoop.Recording.Chain;
using Hoop.Recording.Records;
using Hoop.Recording.Writing;
using Hoop.Testing.Kubernetes;
using k8s;

namespace Hoop.Kubectl.Tests.Plugin;

/// <summary><c>kubectl hoop verify</c> and <c>replay</c> on a recording signed with the key the operator made for orders-db.</summary>
[Collection(PluginWorldDefinition.Name)]
public sealed class RecordingCommandTests(PluginWorld world)
{
    private async Task<(string Directory, string File, byte[] Key)> RecordAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        var secret = await world.Admin.CoreV1.ReadNamespacedSecretAsync(Hoop.Api.GatewayNames.RecordingKey(PluginWorld.ConnectionName), PluginWorld.Namespace, cancellationToken: ct);
        var key = secret.Data[Hoop.Api.GatewayNames.RecordingKeyField];
        var directory = world.Scratch("recordings-" + Guid.NewGuid().ToString("N")[..8]);
        var options = new SessionRecorderOptions(directory, new ReplayLogKey("orders-db-1", key));
        var start = new SessionStartRecord("s-replay-1", "payments/orders-db", "postgres", "alice", ["developers"], "kubernetes", "127.0.0.1:50000", "127.0.0.1:5432", "psql");
        string file;
        await using (var recorder = await SessionRecorder.StartAsync(options, start, text => text, TimeProvider.System, ct))
        {
            await recorder.RecordStatementAsync(new StatementRecord(1, "DELETE FROM orders WHERE id = 10", "write", ["orders"], new PolicyDecision("RequireApproval", "production", "writes")), ct);
            await recorder.RecordApprovalAsync(new ApprovalRecord(1, "ar-x1", "Approved", [new ApprovalReview("bob", "Approve", "ok", DateTimeOffset.UtcNow)]), ct);
            await recorder.RecordResultAsync(new ResultRecord(1, "DELETE 1", null, 1, TimeSpan.FromMilliseconds(3)), ct);
            await recorder.RecordErrorAsync(new ErrorRecord(2, "42P01", "relation \"nope\" does not exist"), ct);
            await recorder.EndAsync("client closed", ct);
            file = recorder.FilePath;
        }

        return (directory, file, key);
    }

    [Fact]
    public async Task Verify_checks_the_signatures_with_the_connections_key_secret()
    {
        var (_, file, _) = await RecordAsync();

        var result = await world.HoopAsync(TestUsers.Admin, ["verify", file, "--connection", PluginWorld.ConnectionName, "-n", PluginWorld.Namespace]);

        Assert.True(result.ExitCode == 0, result.Error + result.Output);
        Assert.Matches(@"^intact: \d+ records, \d+ checkpoints signed", result.Output);
    }

    [Fact]
    public async Task Verify_finds_a_session_by_id_and_reports_a_tampered_log_with_exit_1()
    {
        var (directory, file, key) = await RecordAsync();
        var keyFile = Path.Combine(directory, "key");
        await File.WriteAllBytesAsync(keyFile, key, TestContext.Current.CancellationToken);
        var text = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(file, text.Replace("id = 10", "id = 11", StringComparison.Ordinal), TestContext.Current.CancellationToken);

        var result = await world.HoopAsync(TestUsers.Alice, ["verify", "s-replay-1", "--recordings", directory, "--key-file", keyFile]);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("broken at line 3 (seq 2): prev does not match", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_renders_the_session_as_a_timeline()
    {
        var (_, file, _) = await RecordAsync();

        var result = await world.HoopAsync(TestUsers.Alice, ["replay", file]);

        Assert.True(result.ExitCode == 0, result.Error);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z  session s-replay-1 started: alice \[developers\] on payments/orders-db \(postgres, kubernetes\) from 127.0.0.1:50000$", lines[0]);
        Assert.EndsWith("#1 write: DELETE FROM orders WHERE id = 10  → RequireApproval (production/writes)", lines[1], StringComparison.Ordinal);
        Assert.EndsWith("#1 ar-x1 Approved: Approve by bob (ok)", lines[2], StringComparison.Ordinal);
        Assert.EndsWith("#1 DELETE 1, 1 rows affected in 3 ms", lines[3], StringComparison.Ordinal);
        Assert.EndsWith("#2 error 42P01: relation \"nope\" does not exist", lines[4], StringComparison.Ordinal);
        Assert.EndsWith("session ended (client closed) after 1 statements", lines[5], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_of_a_missing_file_says_how_to_name_a_session()
    {
        var result = await world.HoopAsync(TestUsers.Alice, ["replay", "s-nowhere"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: s-nowhere: no such file; give the replay log's path, or --recordings DIR to look the session up in", result.Error.Trim());
    }
}

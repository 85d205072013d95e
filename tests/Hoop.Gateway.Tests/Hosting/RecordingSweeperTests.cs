using Hoop.Api.V1Alpha1;
using Hoop.Gateway.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hoop.Gateway.Tests.Hosting;

public sealed class RecordingSweeperTests : IDisposable
{
    private readonly DirectoryInfo _recordings = Directory.CreateTempSubdirectory("hoop-sweeper-");

    [Fact]
    public void Logs_older_than_the_connections_retention_are_deleted_and_open_ones_kept()
    {
        var old = Log("pg-old.jsonl", TimeSpan.FromHours(30));
        var recent = Log("pg-recent.jsonl", TimeSpan.FromHours(2));
        var running = Log("pg-running.jsonl.open", TimeSpan.FromHours(30));

        Assert.Equal(1, Sweeper("24h").SweepOnce());

        Assert.False(File.Exists(old));
        Assert.True(File.Exists(recent));
        Assert.True(File.Exists(running), "a session still running keeps its log");
    }

    [Fact]
    public void An_unreadable_retention_falls_back_to_thirty_days()
    {
        var month = Log("pg-month.jsonl", TimeSpan.FromDays(20));
        var older = Log("pg-older.jsonl", TimeSpan.FromDays(31));

        Assert.Equal(1, Sweeper("soon").SweepOnce());

        Assert.True(File.Exists(month));
        Assert.False(File.Exists(older));
    }

    public void Dispose() => _recordings.Delete(recursive: true);

    private RecordingSweeper Sweeper(string retention)
    {
        var connection = new Connection { Spec = new ConnectionSpec { Gateway = new GatewaySettings { Recording = new RecordingSettings { Retention = retention } } } };
        var options = new GatewayOptions { Namespace = "payments", Connection = "orders-db", Recordings = _recordings, Replica = "gateway-0" };
        return new RecordingSweeper(() => connection, options, TimeProvider.System, NullLogger.Instance);
    }

    private string Log(string name, TimeSpan age)
    {
        var path = Path.Combine(_recordings.FullName, name);
        File.WriteAllText(path, "{}\n");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow - age);
        return path;
    }
}

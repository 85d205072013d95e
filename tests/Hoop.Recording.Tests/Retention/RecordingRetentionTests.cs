using Hoop.Recording.Retention;
using Microsoft.Extensions.Time.Testing;

namespace Hoop.Recording.Tests.Retention;

public sealed class RecordingRetentionTests
{
    [Fact]
    public void Only_closed_logs_older_than_the_retention_are_deleted()
    {
        using var directory = new ScratchDirectory();
        var now = new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
        var oldClosed = Touch(directory, "old.jsonl", now.AddDays(-31));
        var recentClosed = Touch(directory, "recent.jsonl", now.AddDays(-29));
        var oldOpen = Touch(directory, "still-running.jsonl.open", now.AddDays(-60));
        var unrelated = Touch(directory, "notes.txt", now.AddDays(-60));

        var deleted = new RecordingRetention(new FakeTimeProvider(now)).DeleteExpired(directory.Path, TimeSpan.FromDays(30));

        Assert.Equal([oldClosed], deleted);
        Assert.False(File.Exists(oldClosed));
        Assert.True(File.Exists(recentClosed));
        Assert.True(File.Exists(oldOpen));
        Assert.True(File.Exists(unrelated));
    }

    private static string Touch(ScratchDirectory directory, string name, DateTimeOffset lastWrite)
    {
        var path = Path.Combine(directory.Path, name);
        File.WriteAllText(path, "{}\n");
        File.SetLastWriteTimeUtc(path, lastWrite.UtcDateTime);
        return path;
    }
}

using Hoop.Recording.Reading;
using Hoop.Recording.Records;

namespace Hoop.Recording.Tests.Reading;

public sealed class ReplayLogReaderTests
{
    [Fact]
    public async Task A_last_line_cut_short_is_skipped()
    {
        using var directory = new ScratchDirectory();
        var log = await File.ReadAllBytesAsync(await RecordingSamples.RecordSessionAsync(directory.Path), TestContext.Current.CancellationToken);

        var entries = ReplayLogReader.Read(new MemoryStream(log[..^10])).ToList();

        Assert.Equal(13, entries.Count);
        Assert.IsType<SessionEndRecord>(entries[^1].Record);
    }

    [Fact]
    public async Task A_line_that_is_not_a_record_stops_the_replay_naming_the_line()
    {
        using var directory = new ScratchDirectory();
        var log = await File.ReadAllBytesAsync(await RecordingSamples.RecordSessionAsync(directory.Path), TestContext.Current.CancellationToken);
        byte[] damaged = [.. log[..log.AsSpan().IndexOf((byte)'\n')], .. "\nnot a record\n"u8];

        var entries = ReplayLogReader.Read(new MemoryStream(damaged)).GetEnumerator();

        Assert.True(entries.MoveNext());
        Assert.IsType<SessionStartRecord>(entries.Current.Record);
        var error = Assert.Throws<InvalidDataException>(() => entries.MoveNext());
        Assert.StartsWith("Line 2 of the replay log is not a record", error.Message, StringComparison.Ordinal);
    }
}

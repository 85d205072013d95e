using CsCheck;
using Hoop.Recording.Reading;
using Hoop.Recording.Records;
using Hoop.Recording.Verification;
using Hoop.Recording.Writing;
using Microsoft.Extensions.Time.Testing;

namespace Hoop.Recording.Tests.Verification;

/// <summary>Properties of logs of any content, and of the verifier on any bytes.</summary>
public sealed class ReplayLogPropertyTests
{
    // Quotes, escapes, control characters, non-ASCII and a JSON look-alike: what could confuse a line-based format.
    private static readonly Gen<string> Text = Gen.Frequency(
        (3, Gen.String[Gen.Char["ab \"\\'\n\r\t\0{}:,é漢"], 0, 20]),
        (1, Gen.OneOf(Gen.Const("😀 ünïcode"), Gen.Const("{\"seq\":1}\n"), Gen.Const(""))));

    private static readonly Gen<string?> OptionalText = Gen.Frequency((3, Text.Select(text => (string?)text)), (1, Gen.Const((string?)null)));

    private static readonly Gen<DateTimeOffset> Time = Gen.Long[0, 10_000_000_000].Select(ms => RecordingSamples.Start.AddMilliseconds(ms));

    private static readonly Gen<ReplayRecord> Record = Gen.OneOf<ReplayRecord>(
        Gen.Select(Gen.Int, Text, Text, Text.Array[0, 3], OptionalText, (id, text, kind, tables, policy) =>
            new StatementRecord(id, text, kind, tables, new("Allow", policy, policy))),
        Gen.Select(Gen.Int, Text, Gen.Select(Text, OptionalText, Time, (reviewer, comment, time) => new ApprovalReview(reviewer, "Approve", comment, time)).Array[0, 3],
            (id, phase, reviews) => (ReplayRecord)new ApprovalRecord(id, "ns/request", phase, reviews)),
        Gen.Select(Gen.Int, OptionalText, Gen.Long.Nullable(), Gen.Long.Nullable(), Gen.Int[0, 1_000_000], (id, tag, returned, affected, ms) =>
            (ReplayRecord)new ResultRecord(id, tag, returned, affected, TimeSpan.FromMilliseconds(ms))),
        Gen.Select(Gen.Int.Nullable(), OptionalText, Text, (id, code, message) => (ReplayRecord)new ErrorRecord(id, code, message)));

    private static readonly ReplayLogVerifier WithKey = new([RecordingSamples.Key]);

    [Fact(Timeout = 120_000)]
    public async Task Any_session_verifies_intact_reads_back_unchanged_and_no_single_byte_change_goes_unnoticed()
    {
        using var directory = new ScratchDirectory();
        var sessions = 0;
        await Gen.Select(Record.Array[0, 12], Gen.Int[1, 5], Gen.Int, Gen.Byte[1, 255]).SampleAsync(async sample =>
        {
            var (records, checkpointEvery, position, flip) = sample;
            var time = new FakeTimeProvider(RecordingSamples.Start);
            var options = new SessionRecorderOptions(directory.Path, RecordingSamples.Key) { CheckpointEveryRecords = checkpointEvery };
            var sessionId = $"s-{Interlocked.Increment(ref sessions)}";
            string path;
            await using (var recorder = await SessionRecorder.StartAsync(
                options, RecordingSamples.SessionStart(sessionId), text => text, time, TestContext.Current.CancellationToken))
            {
                await RecordingSamples.RecordAsync(recorder, records, time);
                await recorder.EndAsync("done", TestContext.Current.CancellationToken);
                path = recorder.FilePath;
            }

            var log = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);
            Assert.Equal(ReplayLogStatus.Intact, WithKey.Verify(new MemoryStream(log)).Status);
            var read = ReplayLogReader.Read(path).Select(entry => entry.Record).Where(record => record is not CheckpointRecord).ToList();
            Assert.Equivalent(
                (ReplayRecord[])[RecordingSamples.SessionStart(sessionId), .. records, new SessionEndRecord("done", records.OfType<StatementRecord>().Count())],
                read,
                strict: true);

            log[(int)((uint)position % log.Length)] ^= flip;
            Assert.NotEqual(ReplayLogStatus.Intact, WithKey.Verify(new MemoryStream(log)).Status);
        }, iter: 300, threads: 1);
    }

    [Fact(Timeout = 120_000)]
    public async Task The_verifier_reports_on_any_bytes_without_throwing()
    {
        using var directory = new ScratchDirectory();
        var real = await File.ReadAllBytesAsync(await RecordingSamples.RecordSessionAsync(directory.Path), TestContext.Current.CancellationToken);

        await Task.Run(() =>
        {
            Gen.Byte.Array[0, 2_000].Sample(bytes => VerifyDoesNotThrow(bytes), iter: 5_000, threads: 1);
            Gen.Byte[(byte)' ', (byte)'~'].Array[0, 500].Sample(bytes => VerifyDoesNotThrow([.. bytes, (byte)'\n']), iter: 5_000, threads: 1);
            // Damaged copies of a real log reach the deeper checks: typed fields, chain links, signatures.
            Gen.Select(Gen.Int[0, real.Length], Gen.Int[0, 20], Gen.Byte.Array[0, 20]).Sample(splice =>
            {
                var (at, remove, insert) = splice;
                byte[] damaged = [.. real.AsSpan(0, at), .. insert, .. real.AsSpan(Math.Min(real.Length, at + remove))];
                VerifyDoesNotThrow(damaged);
            }, iter: 5_000, threads: 1);
        }, TestContext.Current.CancellationToken);
    }

    private static void VerifyDoesNotThrow(byte[] bytes)
    {
        var verification = WithKey.Verify(new MemoryStream(bytes));
        Assert.False(string.IsNullOrEmpty(verification.Describe()));
    }
}

using System.Text;
using Hoop.Recording.Reading;
using Hoop.Recording.Records;
using Hoop.Recording.Verification;
using Hoop.Recording.Writing;
using Microsoft.Extensions.Time.Testing;

namespace Hoop.Recording.Tests.Writing;

public sealed class SessionRecorderTests
{
    [Fact]
    public async Task A_recorded_session_verifies_intact_and_reads_back_the_same_records()
    {
        using var directory = new ScratchDirectory();
        var path = await RecordingSamples.RecordSessionAsync(directory.Path);

        var verification = new ReplayLogVerifier([RecordingSamples.Key]).Verify(path);
        Assert.Equal(ReplayLogStatus.Intact, verification.Status);
        Assert.True(verification.SignaturesChecked);

        var entries = ReplayLogReader.Read(path).ToList();
        Assert.Equal(verification.Records, entries.Count);
        Assert.Equal(Enumerable.Range(0, entries.Count).Select(i => (long)i), entries.Select(entry => entry.Seq));
        Assert.Equal(RecordingSamples.Start, entries[0].Time);
        Assert.All(entries.Zip(entries.Skip(1)), pair => Assert.True(pair.First.Time <= pair.Second.Time));

        var records = entries.Select(entry => entry.Record).Where(record => record is not CheckpointRecord).ToList();
        ReplayRecord[] expected =
        [
            RecordingSamples.SessionStart(), .. RecordingSamples.Session(RecordingSamples.Start), new SessionEndRecord("client-terminated", 3),
        ];
        Assert.Equivalent(expected, records, strict: true);
        Assert.IsType<SessionEndRecord>(entries[^2].Record);
        Assert.IsType<CheckpointRecord>(entries[^1].Record);
    }

    [Fact]
    public async Task The_log_is_open_named_while_the_session_runs_and_closed_named_after_it_ends()
    {
        using var directory = new ScratchDirectory();
        var time = new FakeTimeProvider(RecordingSamples.Start);
        var recorder = await SessionRecorder.StartAsync(
            new(directory.Path, RecordingSamples.Key), RecordingSamples.SessionStart("s-42"), text => text, time, TestContext.Current.CancellationToken);
        Assert.Equal(Path.Combine(directory.Path, "s-42.jsonl.open"), recorder.FilePath);
        Assert.True(File.Exists(recorder.FilePath));

        await recorder.DisposeAsync();

        Assert.Equal(Path.Combine(directory.Path, "s-42.jsonl"), recorder.FilePath);
        Assert.Equal(["s-42.jsonl"], Directory.GetFiles(directory.Path).Select(Path.GetFileName));
        var end = ReplayLogReader.Read(recorder.FilePath).Select(entry => entry.Record).OfType<SessionEndRecord>().Single();
        Assert.Equal("recorder-disposed", end.Reason);
    }

    [Fact]
    public async Task A_quiet_session_gets_its_last_records_signed_once_the_interval_passes()
    {
        using var directory = new ScratchDirectory();
        var cancellation = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(RecordingSamples.Start);
        var options = new SessionRecorderOptions(directory.Path, RecordingSamples.Key) { CheckpointInterval = TimeSpan.FromSeconds(5) };
        await using var recorder = await SessionRecorder.StartAsync(options, RecordingSamples.SessionStart(), text => text, time, cancellation);
        await recorder.RecordErrorAsync(new(null, null, "one"), cancellation);
        var verifier = new ReplayLogVerifier([RecordingSamples.Key]);
        Assert.Null(verifier.Verify(recorder.FilePath).LastSignedSeq);

        time.Advance(TimeSpan.FromSeconds(5));

        // The timer's checkpoint runs in the background; give its write a moment to reach the file.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (verifier.Verify(recorder.FilePath).LastSignedSeq is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10, cancellation);
        }

        var verification = verifier.Verify(recorder.FilePath);
        Assert.Equal(ReplayLogStatus.Incomplete, verification.Status);
        Assert.Equal(2, verification.LastSignedSeq);
    }

    [Fact]
    public async Task A_session_that_could_not_be_started_leaves_an_empty_log_and_no_forged_end()
    {
        using var directory = new ScratchDirectory();
        Func<string, string> failingMask = _ => throw new FormatException("masking rules are not loaded");

        await Assert.ThrowsAsync<FormatException>(() => SessionRecorder.StartAsync(
            new(directory.Path, RecordingSamples.Key), RecordingSamples.SessionStart(), failingMask, new FakeTimeProvider(),
            TestContext.Current.CancellationToken));

        var verification = new ReplayLogVerifier([RecordingSamples.Key]).Verify(ReplayLogFiles.OpenPath(directory.Path, "s-0001"));
        Assert.Equal(ReplayLogStatus.Incomplete, verification.Status);
        Assert.Equal("the file is empty", verification.Problem);
    }

    [Fact]
    public async Task A_second_recorder_for_the_same_session_is_refused()
    {
        using var directory = new ScratchDirectory();
        var time = new FakeTimeProvider(RecordingSamples.Start);
        await using var first = await SessionRecorder.StartAsync(
            new(directory.Path, RecordingSamples.Key), RecordingSamples.SessionStart(), text => text, time, TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<IOException>(() => SessionRecorder.StartAsync(
            new(directory.Path, RecordingSamples.Key), RecordingSamples.SessionStart(), text => text, time, TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData(".hidden")]
    [InlineData("")]
    [InlineData("a/b")]
    public async Task A_session_id_that_is_not_a_plain_file_name_is_refused(string sessionId)
    {
        using var directory = new ScratchDirectory();
        await Assert.ThrowsAsync<ArgumentException>(() => SessionRecorder.StartAsync(
            new(directory.Path, RecordingSamples.Key), RecordingSamples.SessionStart(sessionId), text => text,
            new FakeTimeProvider(), TestContext.Current.CancellationToken));
        Assert.Empty(Directory.GetFileSystemEntries(directory.Path));
    }

    [Fact]
    public async Task Free_text_is_masked_before_it_reaches_the_file()
    {
        const string Email = "dana.secret@example.org";
        using var directory = new ScratchDirectory();
        var time = new FakeTimeProvider(RecordingSamples.Start);
        var cancellation = TestContext.Current.CancellationToken;
        await using (var recorder = await SessionRecorder.StartAsync(
            new(directory.Path, RecordingSamples.Key),
            RecordingSamples.SessionStart() with { ClientApplication = $"psql ({Email})" },
            text => text.Replace(Email, "***", StringComparison.Ordinal),
            time,
            cancellation))
        {
            await recorder.RecordStatementAsync(
                new(1, $"UPDATE users SET email = '{Email}' WHERE id = 7", "update", ["users"], new("RequireApproval", "production", "writes")),
                cancellation);
            await recorder.RecordApprovalAsync(
                new(1, "payments/users-db-x1", "Approved", [new("bob@example.com", "Approve", $"ok, {Email} asked for it", RecordingSamples.Start)]),
                cancellation);
            await recorder.RecordErrorAsync(new(1, "23505", $"Key (email)=({Email}) already exists."), cancellation);
            await recorder.EndAsync($"closed by {Email}", cancellation);
        }

        var bytes = await File.ReadAllBytesAsync(ReplayLogFiles.ClosedPath(directory.Path, "s-0001"), cancellation);
        Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(Email)));
        Assert.Equal(-1, bytes.AsSpan().IndexOf("dana.secret"u8));
        var text = Encoding.UTF8.GetString(bytes);
        Assert.Contains("UPDATE users SET email = '***' WHERE id = 7", text, StringComparison.Ordinal);
        Assert.Contains("ok, *** asked for it", text, StringComparison.Ordinal);
        Assert.Contains("Key (email)=(***) already exists.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checkpoints_follow_the_record_count_and_the_interval_and_end_every_log()
    {
        using var directory = new ScratchDirectory();
        var time = new FakeTimeProvider(RecordingSamples.Start);
        var cancellation = TestContext.Current.CancellationToken;
        var options = new SessionRecorderOptions(directory.Path, RecordingSamples.Key)
        {
            CheckpointEveryRecords = 3,
            CheckpointInterval = TimeSpan.FromMinutes(1),
        };
        await using (var recorder = await SessionRecorder.StartAsync(options, RecordingSamples.SessionStart(), text => text, time, cancellation))
        {
            await recorder.RecordErrorAsync(new(null, null, "one"), cancellation);
            await recorder.RecordErrorAsync(new(null, null, "two"), cancellation); // third record: checkpoint
            time.Advance(TimeSpan.FromMinutes(2));
            await recorder.RecordErrorAsync(new(null, null, "late"), cancellation); // interval passed: checkpoint
            await recorder.EndAsync("done", cancellation);
        }

        var types = ReplayLogReader.Read(ReplayLogFiles.ClosedPath(directory.Path, "s-0001"))
            .Select(entry => entry.Record.GetType().Name)
            .ToList();
        Assert.Equal(
            [
                nameof(SessionStartRecord), nameof(ErrorRecord), nameof(ErrorRecord), nameof(CheckpointRecord),
                nameof(ErrorRecord), nameof(CheckpointRecord), nameof(SessionEndRecord), nameof(CheckpointRecord),
            ],
            types);
    }

    [Fact]
    public async Task Nothing_is_recorded_after_the_session_ends()
    {
        using var directory = new ScratchDirectory();
        var cancellation = TestContext.Current.CancellationToken;
        await using var recorder = await SessionRecorder.StartAsync(
            new(directory.Path, RecordingSamples.Key), RecordingSamples.SessionStart(), text => text, new FakeTimeProvider(), cancellation);
        await recorder.EndAsync("done", cancellation);
        await recorder.EndAsync("again", cancellation);

        await Assert.ThrowsAsync<InvalidOperationException>(() => recorder.RecordErrorAsync(new(null, null, "late"), cancellation));
        Assert.Equal(ReplayLogStatus.Intact, new ReplayLogVerifier([RecordingSamples.Key]).Verify(recorder.FilePath).Status);
    }

    [Fact]
    public async Task A_head_signed_on_request_is_among_the_heads_the_verifier_proves()
    {
        using var directory = new ScratchDirectory();
        var cancellation = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(RecordingSamples.Start);
        string head;
        string path;
        await using (var recorder = await SessionRecorder.StartAsync(
            new(directory.Path, RecordingSamples.Key), RecordingSamples.SessionStart(), text => text, time, cancellation))
        {
            await RecordingSamples.RecordAsync(recorder, RecordingSamples.Session(RecordingSamples.Start).Take(6), time);
            head = await recorder.CheckpointAsync(cancellation);
            await recorder.RecordErrorAsync(new(null, null, "later"), cancellation);
            await recorder.EndAsync("done", cancellation);
            path = recorder.FilePath;
        }

        Assert.Matches("^[a-f0-9]{64}$", head);
        var verification = new ReplayLogVerifier([RecordingSamples.Key]).Verify(path);
        Assert.Equal(ReplayLogStatus.Intact, verification.Status);
        Assert.Equal(2, verification.SignedHeads.Count);
        Assert.Equal(head, verification.SignedHeads[0]);
        var checkpoint = Assert.IsType<CheckpointRecord>(ReplayLogReader.Read(path).ElementAt(7).Record);
        Assert.Equal(head, checkpoint.Head);
    }

    [Fact]
    public async Task Writes_from_many_tasks_form_one_valid_chain()
    {
        using var directory = new ScratchDirectory();
        var time = new FakeTimeProvider(RecordingSamples.Start) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(7) };
        var cancellation = TestContext.Current.CancellationToken;
        var options = new SessionRecorderOptions(directory.Path, RecordingSamples.Key) { CheckpointEveryRecords = 10 };
        await using var recorder = await SessionRecorder.StartAsync(options, RecordingSamples.SessionStart(), text => text, time, cancellation);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(task => Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++)
            {
                var id = (task * 100) + i;
                await recorder.RecordStatementAsync(new(id, $"SELECT {id}", "read", [], new("Allow", "p", "r")), cancellation);
                await recorder.RecordResultAsync(new(id, "SELECT 1", 1, null, TimeSpan.FromMilliseconds(1)), cancellation);
            }
        }, cancellation)));
        await recorder.EndAsync("done", cancellation);

        Assert.Equal(ReplayLogStatus.Intact, new ReplayLogVerifier([RecordingSamples.Key]).Verify(recorder.FilePath).Status);
        var records = ReplayLogReader.Read(recorder.FilePath).Select(entry => entry.Record).ToList();
        Assert.Equal(400, records.OfType<StatementRecord>().Select(statement => statement.StatementId).Distinct().Count());
        Assert.Equal(400, records.OfType<ResultRecord>().Count());
        Assert.Equal(400, records.OfType<SessionEndRecord>().Single().Statements);
    }
}

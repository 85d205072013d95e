using System.Text;
using Hoop.Recording.Records;
using Hoop.Recording.Verification;
using Hoop.Recording.Writing;
using Microsoft.Extensions.Time.Testing;

namespace Hoop.Recording.Tests.Verification;

public sealed class ReplayLogVerificationTests
{
    private static readonly ReplayLogVerifier WithKey = new([RecordingSamples.Key]);

    [Fact]
    public async Task An_intact_log_reports_its_records_and_signed_checkpoints_and_exits_0()
    {
        using var directory = new ScratchDirectory();
        var verification = WithKey.Verify(await RecordingSamples.RecordSessionAsync(directory.Path, checkpointEveryRecords: 4));

        Assert.Equal("intact: 14 records, 3 checkpoints signed", verification.Describe());
        Assert.Equal(0, verification.ExitCode);
    }

    [Fact]
    public async Task A_broken_log_names_the_first_bad_line_and_seq_and_exits_1()
    {
        using var directory = new ScratchDirectory();
        var path = await RecordingSamples.RecordSessionAsync(directory.Path);
        var lines = (await File.ReadAllLinesAsync(path, TestContext.Current.CancellationToken)).ToList();
        // Line 9 holds statement 3, DROP TABLE; rewording it breaks the link from line 10.
        lines[9 - 1] = lines[9 - 1].Replace("DROP TABLE", "drop table", StringComparison.Ordinal);

        var verification = WithKey.Verify(new MemoryStream(Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n")));

        Assert.Equal(
            "broken at line 10 (seq 9): prev does not match the SHA-256 of line 9\n"
            + "Records before line 10 chain correctly; from line 10 on the log cannot be trusted.",
            verification.Describe());
        Assert.Equal(1, verification.ExitCode);
    }

    [Fact]
    public async Task The_log_of_a_session_that_never_ended_is_incomplete_and_names_the_last_signed_record()
    {
        using var directory = new ScratchDirectory();
        var time = new FakeTimeProvider(RecordingSamples.Start);
        var options = new SessionRecorderOptions(directory.Path, RecordingSamples.Key) { CheckpointEveryRecords = 2 };
        // Abandoned without EndAsync or DisposeAsync, as when the gateway is killed; the records after seq 2 stay unflushed.
        var recorder = await SessionRecorder.StartAsync(options, RecordingSamples.SessionStart(), text => text, time, TestContext.Current.CancellationToken);
        await recorder.RecordErrorAsync(new ErrorRecord(null, null, "one"), TestContext.Current.CancellationToken);
        await recorder.RecordErrorAsync(new ErrorRecord(null, null, "two"), TestContext.Current.CancellationToken);

        var verification = WithKey.Verify(recorder.FilePath);

        Assert.Equal(ReplayLogStatus.Incomplete, verification.Status);
        Assert.Equal(2, verification.LastSignedSeq);
        Assert.Equal(
            "incomplete: 3 records chain correctly but the log has no signed end (there is no session-end); the last signed record is seq 2.\n"
            + "The gateway may have stopped during the session, or the file was truncated; records after the last signed one are unproven.",
            verification.Describe());
        Assert.Equal(1, verification.ExitCode);
        await recorder.DisposeAsync();
    }

    [Theory]
    [InlineData("", "the file is empty")]
    [InlineData("{\"seq\":0", "its last line is cut short")]
    public void Nothing_or_a_partial_first_line_is_incomplete_with_nothing_signed(string content, string problem)
    {
        var verification = WithKey.Verify(new MemoryStream(Encoding.UTF8.GetBytes(content)));

        Assert.Equal(ReplayLogStatus.Incomplete, verification.Status);
        Assert.Equal(problem, verification.Problem);
        Assert.Null(verification.LastSignedSeq);
        Assert.Contains("no record is signed", verification.Describe(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json\n", "the line is not a single JSON object")]
    [InlineData("{\"seq\":0,}\n", "the line is not valid JSON")]
    [InlineData("{\"seq\":0,\"seq\":0}\n", "the line is not valid JSON")]
    [InlineData("{\"seq\":0}\n", "field 'prev' is missing or is not a string")]
    [InlineData("\n", "the line is not a single JSON object")]
    public void A_line_that_is_not_a_record_is_broken_at_line_1(string content, string problem)
    {
        var verification = WithKey.Verify(new MemoryStream(Encoding.UTF8.GetBytes(content)));

        Assert.Equal(ReplayLogStatus.Broken, verification.Status);
        Assert.Equal(1, verification.BadLine);
        Assert.Equal(0, verification.BadSeq);
        Assert.Equal(problem, verification.Problem);
    }
}

using Hoop.Recording.Reading;
using Hoop.Recording.Records;
using Hoop.Recording.Verification;
using Hoop.Recording.Writing;
using Microsoft.Extensions.Time.Testing;

namespace Hoop.Recording.Tests.Writing;

public sealed class UnpairedSurrogateTests
{
    [Fact]
    public async Task Text_with_an_unpaired_surrogate_is_recorded_with_a_replacement_character()
    {
        using var directory = new ScratchDirectory();
        var cancellation = TestContext.Current.CancellationToken;
        await using var recorder = await SessionRecorder.StartAsync(
            new(directory.Path, RecordingSamples.Key), RecordingSamples.SessionStart(), text => text, new FakeTimeProvider(), cancellation);

        await recorder.RecordApprovalAsync(new(1, "ns/r", "Approved", [new("bob", "Approve", "ok \ud800 done", RecordingSamples.Start)]), cancellation);
        await recorder.EndAsync("done", cancellation);

        Assert.Equal(ReplayLogStatus.Intact, new ReplayLogVerifier([RecordingSamples.Key]).Verify(recorder.FilePath).Status);
        var approval = ReplayLogReader.Read(recorder.FilePath).Select(entry => entry.Record).OfType<ApprovalRecord>().Single();
        Assert.Equal("ok \ufffd done", approval.Reviews[0].Comment);
    }
}

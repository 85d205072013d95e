using System.Text;
using Hoop.Recording.Chain;
using Hoop.Recording.Verification;

namespace Hoop.Recording.Tests.Verification;

public sealed class TamperingTests
{
    private static readonly ReplayLogVerifier WithKey = new([RecordingSamples.Key]);

    [Fact]
    public async Task Changing_any_single_byte_anywhere_is_detected()
    {
        var log = await RecordedLogAsync();
        Assert.Equal(ReplayLogStatus.Intact, Verify(log).Status);

        // Bit 0 turns digits and hex into their neighbours, bit 5 flips letter case, bit 7 makes invalid UTF-8.
        foreach (var flip in new byte[] { 0x01, 0x20, 0x80 })
        {
            for (var position = 0; position < log.Length; position++)
            {
                var tampered = (byte[])log.Clone();
                tampered[position] ^= flip;
                var verification = Verify(tampered);
                Assert.True(
                    verification.Status != ReplayLogStatus.Intact,
                    $"flipping 0x{flip:x2} at byte {position} ('{(char)log[position]}') went unnoticed");
            }
        }
    }

    [Fact]
    public async Task Deleting_a_line_is_detected_at_the_line_after_it()
    {
        var lines = Lines(await RecordedLogAsync());
        for (var i = 0; i < lines.Count - 1; i++)
        {
            var verification = Verify(Join(lines.Where((_, index) => index != i)));
            Assert.Equal(ReplayLogStatus.Broken, verification.Status);
            Assert.Equal(i + 1, verification.BadLine);
        }

        var withoutFinalCheckpoint = Verify(Join(lines.Take(lines.Count - 1)));
        Assert.Equal(ReplayLogStatus.Incomplete, withoutFinalCheckpoint.Status);
    }

    [Fact]
    public async Task Swapping_two_lines_is_detected()
    {
        var lines = Lines(await RecordedLogAsync());
        for (var i = 0; i < lines.Count - 1; i++)
        {
            var swapped = lines.ToList();
            (swapped[i], swapped[i + 1]) = (swapped[i + 1], swapped[i]);
            var verification = Verify(Join(swapped));
            Assert.Equal(ReplayLogStatus.Broken, verification.Status);
            Assert.Equal(i + 1, verification.BadLine);
        }
    }

    [Fact]
    public async Task Truncating_at_any_length_leaves_at_most_an_incomplete_log()
    {
        var log = await RecordedLogAsync();
        for (var length = 0; length < log.Length; length++)
        {
            var verification = Verify(log[..length]);
            Assert.Equal(ReplayLogStatus.Incomplete, verification.Status);
        }
    }

    [Fact]
    public async Task A_record_appended_after_the_final_checkpoint_is_detected()
    {
        var log = await RecordedLogAsync();
        var lines = Lines(log);
        var forged = $$"""{"seq":{{lines.Count}},"prev":"{{ChainHash.Of(Encoding.UTF8.GetBytes(lines[^1]))}}","time":"2026-11-29T10:00:00.0000000Z","type":"error","statementId":null,"code":null,"message":"forged"}""";

        var verification = Verify([.. log, .. Encoding.UTF8.GetBytes(forged + "\n")]);

        Assert.Equal(ReplayLogStatus.Broken, verification.Status);
        Assert.Equal(lines.Count + 1, verification.BadLine);
        Assert.Equal("a record follows the final checkpoint", verification.Problem);
    }

    [Fact]
    public async Task A_log_rewritten_with_a_recomputed_chain_fails_the_signature_check()
    {
        var lines = Lines(await RecordedLogAsync());
        // Reword the first statement and re-link every later line, as someone without the key would have to.
        lines[1] = lines[1].Replace("WHERE id = 42", "WHERE id = 43", StringComparison.Ordinal);
        for (var i = 2; i < lines.Count; i++)
        {
            var head = ChainHash.Of(Encoding.UTF8.GetBytes(lines[i - 1]));
            var oldPrev = lines[i].Split("\"prev\":\"")[1][..64];
            lines[i] = lines[i].Replace(oldPrev, head, StringComparison.Ordinal);
        }

        var rewritten = Join(lines);
        Assert.Equal(ReplayLogStatus.Intact, new ReplayLogVerifier(null).Verify(new MemoryStream(rewritten)).Status);
        var verification = Verify(rewritten);
        Assert.Equal(ReplayLogStatus.Broken, verification.Status);
        Assert.StartsWith("the hmac does not match", verification.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_wrong_key_or_a_missing_key_id_breaks_verification()
    {
        var log = await RecordedLogAsync();

        var wrongKey = new ReplayLogVerifier([RecordingSamples.OtherKeyWithSameId]).Verify(new MemoryStream(log));
        Assert.Equal(ReplayLogStatus.Broken, wrongKey.Status);
        Assert.StartsWith("the hmac does not match", wrongKey.Problem, StringComparison.Ordinal);

        var unknownKey = new ReplayLogVerifier([new ReplayLogKey("other", new byte[32])]).Verify(new MemoryStream(log));
        Assert.Equal(ReplayLogStatus.Broken, unknownKey.Status);
        Assert.Equal("the checkpoint is signed with key 'recordings-2026', which was not given", unknownKey.Problem);
    }

    [Fact]
    public async Task Without_a_key_the_chain_is_checked_and_the_report_says_signatures_were_not()
    {
        var log = await RecordedLogAsync();

        var verification = new ReplayLogVerifier(null).Verify(new MemoryStream(log));

        Assert.Equal(ReplayLogStatus.Intact, verification.Status);
        Assert.False(verification.SignaturesChecked);
        Assert.Contains("signatures not checked", verification.Describe(), StringComparison.Ordinal);
    }

    private static ReplayLogVerification Verify(byte[] log) => WithKey.Verify(new MemoryStream(log));

    private static async Task<byte[]> RecordedLogAsync()
    {
        using var directory = new ScratchDirectory();
        var path = await RecordingSamples.RecordSessionAsync(directory.Path);
        return await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);
    }

    private static List<string> Lines(byte[] log) => [.. Encoding.UTF8.GetString(log).TrimEnd('\n').Split('\n')];

    private static byte[] Join(IEnumerable<string> lines) => Encoding.UTF8.GetBytes(string.Join("", lines.Select(line => line + "\n")));
}

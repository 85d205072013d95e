using Hoop.Recording.Chain;
using Hoop.Recording.Records;

namespace Hoop.Recording.Verification;

/// <summary>
/// Checks a replay log: every line parses, <c>seq</c> counts up from 0, every <c>prev</c> is the SHA-256 of the line
/// before, the log starts with session-start and ends with session-end plus a checkpoint. Given keys, it also checks
/// every checkpoint's HMAC; without, it checks the chain only and says so. Reports what it finds; never throws on
/// what the file holds (only on failing to read it).
/// </summary>
public sealed class ReplayLogVerifier
{
    /// <summary>No record the gateway writes comes near this; a longer line is not one of ours.</summary>
    public const int MaxLineLength = 16 * 1024 * 1024;

    private readonly Dictionary<string, ReplayLogKey>? _keys;

    /// <param name="keys">The keys checkpoints may be signed with, or null to check the chain only.</param>
    public ReplayLogVerifier(IEnumerable<ReplayLogKey>? keys)
    {
        _keys = keys?.ToDictionary(key => key.KeyId, StringComparer.Ordinal);
    }

    public ReplayLogVerification Verify(string path)
    {
        // Shared for writing too, so the open log of a live session can be checked.
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return Verify(file);
    }

    public ReplayLogVerification Verify(Stream stream)
    {
        var lines = new ReplayLogLines(stream, MaxLineLength);
        var prev = ChainHash.Genesis;
        string? sessionId = null;
        var ended = false;
        var closed = false;
        var signedHeads = new List<string>();
        long? lastSigned = null;
        var lineNumber = 0;
        while (true)
        {
            var kind = lines.Next(out var line);
            if (kind == ReplayLogLines.Kind.End)
            {
                break;
            }

            lineNumber++;
            if (kind == ReplayLogLines.Kind.TooLong)
            {
                return Broken("the line is longer than any record the gateway writes");
            }

            if (closed)
            {
                return Broken("a record follows the final checkpoint");
            }

            if (kind == ReplayLogLines.Kind.Unterminated)
            {
                return Incomplete(lineNumber - 1, "its last line is cut short");
            }

            if (!ReplayLine.TryParse(line, out var parsed, out var problem))
            {
                return Broken(problem);
            }

            if (parsed!.Seq != lineNumber - 1)
            {
                return Broken($"seq is {parsed.Seq} where {lineNumber - 1} was expected");
            }

            if (!string.Equals(parsed.Prev, prev, StringComparison.Ordinal))
            {
                return Broken(lineNumber == 1
                    ? "prev is not the genesis value (the SHA-256 of the empty string)"
                    : $"prev does not match the SHA-256 of line {lineNumber - 1}");
            }

            switch (parsed.Record)
            {
                case SessionStartRecord start when lineNumber == 1:
                    sessionId = start.SessionId;
                    break;
                case var _ when lineNumber == 1:
                    return Broken("the first record is not session-start");
                case SessionStartRecord:
                    return Broken("session-start appears again");
                case CheckpointRecord checkpoint:
                    if (CheckpointProblem(parsed, checkpoint, sessionId!) is { } bad)
                    {
                        return Broken(bad);
                    }

                    signedHeads.Add(checkpoint.Head);
                    lastSigned = parsed.Seq;
                    closed = ended;
                    break;
                case var record when ended:
                    return Broken($"a {record.Type} record follows session-end");
                case SessionEndRecord:
                    ended = true;
                    break;
            }

            prev = ChainHash.Of(line.Span);
        }

        if (closed)
        {
            return new(ReplayLogStatus.Intact, lineNumber, signedHeads.Count, _keys is not null, lastSigned, null, null, null, signedHeads);
        }

        return Incomplete(lineNumber, lineNumber == 0 ? "the file is empty" : ended ? "session-end is not followed by its checkpoint" : "there is no session-end");

        ReplayLogVerification Broken(string problem) =>
            new(ReplayLogStatus.Broken, lineNumber - 1, signedHeads.Count, _keys is not null, lastSigned, lineNumber, lineNumber - 1, problem, signedHeads);

        ReplayLogVerification Incomplete(int records, string problem) =>
            new(ReplayLogStatus.Incomplete, records, signedHeads.Count, _keys is not null, lastSigned, null, null, problem, signedHeads);
    }

    private string? CheckpointProblem(ReplayLine line, CheckpointRecord checkpoint, string sessionId)
    {
        if (!string.Equals(checkpoint.Head, line.Prev, StringComparison.Ordinal))
        {
            return "the checkpoint's head is not its prev";
        }

        if (_keys is null)
        {
            return null;
        }

        if (!_keys.TryGetValue(checkpoint.KeyId, out var key))
        {
            return $"the checkpoint is signed with key '{checkpoint.KeyId}', which was not given";
        }

        return CheckpointSignature.Matches(key, sessionId, line.Seq, line.TimeText, checkpoint.Head, checkpoint.Hmac)
            ? null
            : $"the hmac does not match: the records it signs were altered, or key '{key.KeyId}' is not the one that signed them";
    }
}

using Hoop.Recording.Records;
using Hoop.Recording.Verification;

namespace Hoop.Recording.Reading;

/// <summary>
/// Reads a replay log's records in order for a replay view. It does not verify: run <see cref="ReplayLogVerifier"/>
/// first to know whether the records can be trusted.
/// </summary>
public static class ReplayLogReader
{
    public static IEnumerable<ReplayEntry> Read(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        foreach (var entry in Read(file))
        {
            yield return entry;
        }
    }

    /// <summary>The records of the stream; a last line cut short (a write the gateway never finished) is skipped.</summary>
    public static IEnumerable<ReplayEntry> Read(Stream stream)
    {
        var lines = new ReplayLogLines(stream, ReplayLogVerifier.MaxLineLength);
        var lineNumber = 0;
        while (lines.Next(out var line) is var kind && kind is ReplayLogLines.Kind.Terminated or ReplayLogLines.Kind.TooLong)
        {
            lineNumber++;
            if (kind == ReplayLogLines.Kind.TooLong || !ReplayLine.TryParse(line, out var parsed, out var problem))
            {
                throw new InvalidDataException(
                    $"Line {lineNumber} of the replay log is not a record, so the log cannot be replayed from there; 'verify' it to see why.");
            }

            yield return parsed!.ToEntry();
        }
    }
}

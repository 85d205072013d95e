using Hoop.Recording.Writing;

namespace Hoop.Recording.Retention;

/// <summary>
/// Deletes closed replay logs (<c>*.jsonl</c>) whose last write — the final checkpoint — is older than the retention.
/// Open logs (<c>*.jsonl.open</c>) are never deleted: their session may still be running.
/// </summary>
public sealed class RecordingRetention(TimeProvider time)
{
    /// <summary>Deletes the expired logs in <paramref name="directory"/> and returns their paths.</summary>
    public IReadOnlyList<string> DeleteExpired(string directory, TimeSpan retention)
    {
        var cutoff = (time.GetUtcNow() - retention).UtcDateTime;
        var deleted = new List<string>();
        foreach (var file in Directory.EnumerateFiles(directory, "*" + ReplayLogFiles.ClosedExtension))
        {
            if (file.EndsWith(ReplayLogFiles.ClosedExtension, StringComparison.Ordinal) && File.GetLastWriteTimeUtc(file) < cutoff)
            {
                File.Delete(file);
                deleted.Add(file);
            }
        }

        return deleted;
    }
}

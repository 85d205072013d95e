using Hoop.Recording.Chain;

namespace Hoop.Recording.Writing;

/// <summary>Where logs go, the signing key, and how often the chain is signed and forced to disk.</summary>
public sealed record SessionRecorderOptions(string Directory, ReplayLogKey Key)
{
    /// <summary>A checkpoint after this many records since the last one.</summary>
    public int CheckpointEveryRecords { get; init; } = 100;

    /// <summary>A checkpoint with the first record written this long after the last checkpoint.</summary>
    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromSeconds(10);
}

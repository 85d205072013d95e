namespace Hoop.Recording.Records;

/// <summary>A record as read back from a log, with its position in the chain and the time it was written.</summary>
public sealed record ReplayEntry(long Seq, DateTimeOffset Time, ReplayRecord Record);

namespace Hoop.Recording.Verification;

/// <summary>What verifying a replay log found.</summary>
public enum ReplayLogStatus
{
    /// <summary>Every record chains to the one before, and the log ends with a signed checkpoint after session-end.</summary>
    Intact,

    /// <summary>The chain is valid as far as it goes but the signed end is missing: the gateway stopped, or the file was cut.</summary>
    Incomplete,

    /// <summary>A record does not belong where it is: it was altered, removed, reordered, added or forged.</summary>
    Broken,
}

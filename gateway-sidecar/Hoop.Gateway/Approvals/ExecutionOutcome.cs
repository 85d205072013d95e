namespace Hoop.Gateway.Approvals;

/// <summary>How an approved operation ended, as the gateway writes it into the AccessRequest's status.</summary>
/// <param name="Succeeded">Whether it ran to completion.</param>
/// <param name="RowsAffected">Rows the statement changed or returned, when known.</param>
/// <param name="Error">Why it failed, already masked.</param>
/// <param name="Session">The recorded session that ran it.</param>
/// <param name="RecordingFile">The replay log, relative to the recordings directory.</param>
internal sealed record ExecutionOutcome(bool Succeeded, long? RowsAffected, string? Error, string Session, string? RecordingFile);

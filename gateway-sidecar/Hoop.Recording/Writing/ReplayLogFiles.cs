namespace Hoop.Recording.Writing;

/// <summary>
/// Where a session's log lives: <c>DIR/SESSION.jsonl.open</c> while the session runs, renamed to <c>DIR/SESSION.jsonl</c>
/// once its final checkpoint is on disk. Retention never touches an open file.
/// </summary>
public static class ReplayLogFiles
{
    public const string ClosedExtension = ".jsonl";
    public const string OpenExtension = ".jsonl.open";

    private const int MaxSessionIdLength = 128;

    public static string OpenPath(string directory, string sessionId) => Path.Combine(directory, Validated(sessionId) + OpenExtension);

    public static string ClosedPath(string directory, string sessionId) => Path.Combine(directory, Validated(sessionId) + ClosedExtension);

    // A session id becomes a file name, so it may not climb out of the directory or hide as a dot file.
    private static string Validated(string sessionId)
    {
        var valid = sessionId.Length is > 0 and <= MaxSessionIdLength
            && char.IsAsciiLetterOrDigit(sessionId[0])
            && sessionId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
        return valid
            ? sessionId
            : throw new ArgumentException(
                $"The session id '{sessionId}' cannot name a replay log; use 1 to {MaxSessionIdLength} ASCII letters, digits, '-', '_' or '.', starting with a letter or digit.",
                nameof(sessionId));
    }
}

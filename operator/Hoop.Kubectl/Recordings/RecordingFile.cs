using System.CommandLine;
using Hoop.Recording.Writing;

namespace Hoop.Kubectl.Recordings;

/// <summary>Finds a replay log from a path, or from a session id under <c>--recordings DIR</c> (a copy of the gateway's volume).</summary>
internal static class RecordingFile
{
    public static Option<DirectoryInfo> CreateOption() =>
        new("--recordings") { Description = "Directory holding replay logs (a copy of the gateway's recording volume), to find a SESSION id in." };

    public static string Resolve(string sessionOrFile, DirectoryInfo? recordings)
    {
        ArgumentNullException.ThrowIfNull(sessionOrFile);
        if (File.Exists(sessionOrFile))
        {
            return sessionOrFile;
        }

        if (recordings is null)
        {
            throw new UserError($"{sessionOrFile}: no such file; give the replay log's path, or --recordings DIR to look the session up in");
        }

        string[] candidates;
        try
        {
            candidates = [ReplayLogFiles.ClosedPath(recordings.FullName, sessionOrFile), ReplayLogFiles.OpenPath(recordings.FullName, sessionOrFile)];
        }
        catch (ArgumentException)
        {
            throw new UserError($"{sessionOrFile} is neither a file nor a session id");
        }

        return candidates.FirstOrDefault(File.Exists)
            ?? throw new UserError($"no replay log for session {sessionOrFile} in {recordings.FullName}");
    }
}

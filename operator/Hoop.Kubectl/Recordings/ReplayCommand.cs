using System.CommandLine;
using System.Globalization;
using Hoop.Kubectl.Cluster;
using Hoop.Recording.Reading;
using Hoop.Recording.Records;

namespace Hoop.Kubectl.Recordings;

/// <summary><c>kubectl hoop replay FILE</c>: a replay log as a timeline a person reads — who ran what, what policy said, who approved, what came back.</summary>
internal static class ReplayCommand
{
    public static Command Create()
    {
        var log = new Argument<string>("SESSION|FILE") { Description = "The replay log, or a session id found under --recordings." };
        var recordings = RecordingFile.CreateOption();
        var command = new Command("replay", "Show a session recording as a timeline.") { log, recordings };
        CommandAction.Set(command, (parseResult, context, cancellationToken) =>
        {
            var path = RecordingFile.Resolve(parseResult.GetValue(log)!, parseResult.GetValue(recordings));
            try
            {
                foreach (var entry in ReplayLogReader.Read(path))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (Line(entry.Record) is { } line)
                    {
                        context.Output.WriteLine($"{entry.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)}  {line}");
                    }
                }
            }
            catch (InvalidDataException e)
            {
                throw new UserError(e.Message);
            }

            context.Output.WriteLine($"(not verified here: run 'kubectl hoop verify {parseResult.GetValue(log)}' to check the recording is intact)");
            return Task.FromResult(0);
        });
        return command;
    }

    private static string? Line(ReplayRecord record) => record switch
    {
        SessionStartRecord s => $"session {s.SessionId} started: {s.User} [{string.Join(",", s.Groups)}] on {s.Connection} ({s.Protocol}, {s.Authentication}) from {s.ClientAddress}",
        StatementRecord s => $"#{s.StatementId} {s.Kind}: {s.Text}  → {s.Decision.Action}{(s.Decision.Policy is null ? "" : $" ({s.Decision.Policy}/{s.Decision.Rule})")}",
        ApprovalRecord a => $"#{a.StatementId} {a.AccessRequest} {a.Phase}"
            + (a.Reviews.Count == 0 ? "" : ": " + string.Join("; ", a.Reviews.Select(r => $"{r.Decision} by {r.Reviewer}{(r.Comment is null ? "" : $" ({r.Comment})")}"))),
        ResultRecord r => $"#{r.StatementId} {r.CommandTag ?? "done"}"
            + (r.RowsReturned is { } returned ? $", {returned} rows returned" : "")
            + (r.RowsAffected is { } affected ? $", {affected} rows affected" : "")
            + $" in {r.Duration.TotalMilliseconds.ToString("0.#", CultureInfo.InvariantCulture)} ms",
        ErrorRecord e => $"{(e.StatementId is { } id ? $"#{id} " : "")}error{(e.Code is null ? "" : " " + e.Code)}: {e.Message}",
        SessionEndRecord e => $"session ended ({e.Reason}) after {e.Statements} statements",
        CheckpointRecord => null,
        _ => null,
    };
}

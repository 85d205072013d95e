using System.Globalization;
using Hoop.Api.V1Alpha1;

namespace Hoop.Kubectl.Requests;

/// <summary>The text of <c>kubectl hoop describe</c>, laid out like <c>kubectl describe</c>.</summary>
internal static class RequestDescription
{
    private static readonly string[] ReviewHeader = ["  TIME", "REVIEWER", "DECISION", "GROUPS", "COMMENT"];

    public static void Write(TextWriter output, AccessRequest request, bool colour)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(request);
        var spec = request.Spec;
        var status = request.Status;
        Field(output, "Name", request.Metadata.Name);
        Field(output, "Namespace", request.Metadata.NamespaceProperty);
        Field(output, "Connection", spec.ConnectionRef.Name);
        Field(output, "Requester", spec.Requester is { } who
            ? who.Username + (who.Groups is { Count: > 0 } g ? $" (groups: {string.Join(", ", g)})" : "") + (who.Via is null ? "" : $" via {who.Via}")
            : null);
        Field(output, "Reason", spec.Reason);
        Field(output, "Ticket", spec.Ticket);
        Field(output, "Execution", spec.Execution.ToString() + (spec.BreakGlass ? " (break-glass)" : ""));
        Field(output, "Phase", RequestText.Phase(request));
        Field(output, "Policy", status?.Policy is { } policy ? $"{policy}, rule {status.Rule ?? "<none>"}" : null);
        Field(output, "Approvals", RequestText.Approvals(request));
        Field(output, "Expires", status?.ExpiresAt is { } expires ? Stamp(expires) : null);
        Field(output, "Message", RequestText.ReadyMessage(request));

        output.WriteLine("Operation:");
        WriteOperation(output, spec.Operation, colour);

        output.WriteLine("Reviews:");
        if (status?.Reviews is { Count: > 0 } reviews)
        {
            var rows = new List<string[]> { ReviewHeader };
            rows.AddRange(reviews.Select(r => new[]
            {
                "  " + (r.Time is { } t ? Stamp(t) : "-"), r.Reviewer, r.Decision.ToString(), string.Join(",", r.Groups ?? []), r.Comment ?? "",
            }));
            Table.Write(output, rows);
        }
        else
        {
            output.WriteLine("  <none>");
        }

        output.WriteLine("Timeline:");
        foreach (var (time, what) in Timeline(request).OrderBy(e => e.Time))
        {
            output.WriteLine($"  {Stamp(time)}  {what}");
        }

        if (status?.Execution is { } execution)
        {
            output.WriteLine("Result:");
            Field(output, "  Executed by", execution.ExecutedBy);
            Field(output, "  Rows affected", execution.RowsAffected?.ToString(CultureInfo.InvariantCulture));
            Field(output, "  Exit code", execution.ExitCode?.ToString(CultureInfo.InvariantCulture));
            Field(output, "  Status code", execution.StatusCode?.ToString(CultureInfo.InvariantCulture));
            Field(output, "  Error", execution.Error);
            if (execution.Recording is { } recording)
            {
                output.WriteLine("Recording:");
                Field(output, "  Session", recording.Session);
                Field(output, "  File", recording.File);
                Field(output, "  SHA-256", recording.Sha256);
                output.WriteLine($"  Check it with: kubectl hoop verify FILE --connection {spec.ConnectionRef.Name}");
            }
        }
    }

    private static void WriteOperation(TextWriter output, Operation operation, bool colour)
    {
        switch (operation)
        {
            case { Sql: { } sql }:
                output.WriteLine($"  SQL{(sql.Database is null ? "" : $" (database {sql.Database})")}:");
                foreach (var line in SqlHighlighter.Highlight(sql.Statement, colour).Split('\n'))
                {
                    output.WriteLine("    " + line.TrimEnd('\r'));
                }

                if (sql.Parameters is { Count: > 0 } parameters)
                {
                    output.WriteLine($"  Parameters: {string.Join(", ", parameters)}");
                }

                break;
            case { Ssh: { } ssh }:
                output.WriteLine($"  SSH command: {ssh.Command}");
                break;
            case { Kubernetes: { } k }:
                output.WriteLine($"  Kubernetes: {k.Verb} {(string.IsNullOrEmpty(k.ApiGroup) ? "" : k.ApiGroup + "/")}{k.ApiVersion} {k.Resource}{(k.Subresource is null ? "" : "/" + k.Subresource)}"
                    + $"{(k.Namespace is null ? "" : " -n " + k.Namespace)}{(k.Name is null ? "" : " " + k.Name)}");
                if (k.Body is not null)
                {
                    output.WriteLine("  Body:");
                    output.WriteLine("    " + k.Body.Replace("\n", "\n    ", StringComparison.Ordinal));
                }

                break;
            case { Http: { } http }:
                output.WriteLine($"  HTTP: {http.Method} {http.Path}");
                if (http.Body is not null)
                {
                    output.WriteLine("  Body:");
                    output.WriteLine("    " + http.Body.Replace("\n", "\n    ", StringComparison.Ordinal));
                }

                break;
            case { Session: { } session }:
                output.WriteLine($"  Session of {session.Duration}");
                break;
        }

        if (operation.Sha256 is not null)
        {
            output.WriteLine($"  SHA-256: {operation.Sha256}");
        }
    }

    private static IEnumerable<(DateTime Time, string What)> Timeline(AccessRequest request)
    {
        if (request.Metadata.CreationTimestamp is { } created)
        {
            yield return (created, $"created by {request.Spec.Requester?.Username ?? "<unknown>"}");
        }

        foreach (var review in request.Status?.Reviews ?? [])
        {
            if (review.Time is { } time)
            {
                yield return (time, $"{review.Decision.ToString().ToLowerInvariant()} by {review.Reviewer}{(review.Comment is null ? "" : $": {review.Comment}")}");
            }
        }

        foreach (var condition in request.Status?.Conditions ?? [])
        {
            if (condition.LastTransitionTime is { } time && condition.Type == Hoop.Api.ConditionTypes.Ready)
            {
                yield return (time, $"{condition.Reason}: {condition.Message}");
            }
        }

        if (request.Status?.Execution is { } execution)
        {
            if (execution.StartedAt is { } started)
            {
                yield return (started, $"execution started{(execution.ExecutedBy is null ? "" : " on " + execution.ExecutedBy)}");
            }

            if (execution.FinishedAt is { } finished)
            {
                yield return (finished, execution.Error is null ? "execution finished" : $"execution failed: {execution.Error}");
            }
        }
    }

    private static string Stamp(DateTime time) =>
        DateTime.SpecifyKind(time.ToUniversalTime(), DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void Field(TextWriter output, string label, string? value)
    {
        if (value is not null)
        {
            output.WriteLine($"{(label + ":").PadRight(label.StartsWith(' ') ? 18 : 14)}{value}");
        }
    }
}

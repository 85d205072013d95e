using System.Globalization;
using System.Text.RegularExpressions;
using Hoop.Api;
using Hoop.Api.V1Alpha1;

namespace Hoop.Kubectl.Requests;

/// <summary>How a request's parts read in one line: the operation excerpt, the approvals, the phase.</summary>
internal static partial class RequestText
{
    public static string Phase(AccessRequest request) => request.Status?.Phase?.ToString() ?? "Evaluating";

    public static string Approvals(AccessRequest request) =>
        request.Status?.Approvals ?? (request.Status?.RequiredApprovals is { } required ? $"0/{required.ToString(CultureInfo.InvariantCulture)}" : "-");

    public static string Operation(Operation operation, int width = 40)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var text = operation switch
        {
            { Sql: { } sql } => sql.Statement,
            { Ssh: { } ssh } => ssh.Command,
            { Kubernetes: { } k } => $"{k.Verb} {k.Resource}{(k.Subresource is null ? "" : "/" + k.Subresource)}{(k.Name is null ? "" : " " + k.Name)}",
            { Http: { } http } => $"{http.Method} {http.Path}",
            { Session: { } session } => $"session {session.Duration}",
            _ => "-",
        };
        var line = Whitespace().Replace(text, " ").Trim();
        return line.Length <= width ? line : line[..(width - 3)] + "...";
    }

    /// <summary>The operator's message on the Ready condition: why the request is where it is.</summary>
    public static string? ReadyMessage(AccessRequest request) =>
        request.Status?.Conditions?.FirstOrDefault(c => c.Type == ConditionTypes.Ready)?.Message;

    /// <summary>What a pending request still waits for, from the operator's message ("2 approvals, from dba-leads").</summary>
    public static string? Waiting(AccessRequest request) =>
        ReadyMessage(request) is { } message && WaitingFor().Match(message) is { Success: true } match ? match.Groups["need"].Value : null;

    public static bool IsFinal(AccessRequest request) => request.Status?.Phase is AccessRequestPhase.Denied or AccessRequestPhase.Expired
        or AccessRequestPhase.Cancelled or AccessRequestPhase.Succeeded or AccessRequestPhase.Failed
        || (request.Spec.Execution == ExecutionMode.Client && request.Status?.Phase == AccessRequestPhase.Approved);

    public static bool IsSuccess(AccessRequest request) => request.Status?.Phase == AccessRequestPhase.Succeeded
        || (request.Spec.Execution == ExecutionMode.Client && request.Status?.Phase == AccessRequestPhase.Approved);

    public static string Ref(AccessRequest request) => $"accessrequest/{request.Metadata.Name}";

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^Waiting for (?<need>.+?) under rule")]
    private static partial Regex WaitingFor();
}

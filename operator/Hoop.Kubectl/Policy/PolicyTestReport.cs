using System.Text.Json;
using System.Text.Json.Nodes;
using Hoop.Api.V1Alpha1;
using Hoop.Policy.Rules;

namespace Hoop.Kubectl.Policy;

/// <summary>What <c>policy test</c> found: each operation's decision, and the decision for all of them together.</summary>
internal sealed class PolicyTestReport(
    string type,
    IReadOnlyList<string> policies,
    IReadOnlyList<(TestedOperation Operation, PolicyDecision Decision)> results,
    PolicyDecision overall,
    string? user,
    IReadOnlyList<string> groups)
{
    private static readonly string[] Header = ["#", "KIND", "TARGETS", "DECISION", "POLICY", "RULE", "OPERATION"];

    public PolicyDecision Overall => overall;

    public void WriteText(TextWriter output)
    {
        var rows = new List<string[]> { Header };
        for (var i = 0; i < results.Count; i++)
        {
            var (operation, decision) = results[i];
            rows.Add(
            [
                (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                operation.Kind is { } kind ? KindName(kind) : "-",
                operation.Targets.Count == 0 ? "-" : string.Join(",", operation.Targets),
                DecisionText(decision),
                decision.Policy ?? "-",
                decision.Policy is null ? "-" : decision.RuleOrDefault,
                Excerpt(operation.Text),
            ]);
        }

        Table.Write(output, rows);
        foreach (var (operation, index) in results.Select((r, i) => (r.Operation, i + 1)).Where(r => r.Operation.Note is not null))
        {
            output.WriteLine($"note {index}: {operation.Note}");
        }

        output.WriteLine($"decision: {overall.Message}");
        if (BreakGlass() is { } breakGlass)
        {
            output.WriteLine(breakGlass);
        }
    }

    public void WriteJson(TextWriter output)
    {
        var json = new JsonObject
        {
            ["type"] = type,
            ["policies"] = new JsonArray([.. policies.Select(p => (JsonNode)p)]),
            ["decision"] = Decision(overall),
            ["operations"] = new JsonArray([.. results.Select(r => (JsonNode)new JsonObject
            {
                ["text"] = r.Operation.Text,
                ["kind"] = r.Operation.Kind is { } kind ? KindName(kind) : null,
                ["targets"] = new JsonArray([.. r.Operation.Targets.Select(t => (JsonNode)t)]),
                ["note"] = r.Operation.Note,
                ["decision"] = Decision(r.Decision),
            })]),
        };
        if (user is not null || groups.Count > 0)
        {
            json["user"] = new JsonObject
            {
                ["name"] = user,
                ["groups"] = new JsonArray([.. groups.Select(g => (JsonNode)g)]),
                ["breakGlass"] = BreakGlassGroups().Any(),
            };
        }

        output.WriteLine(json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    public static string ActionName(PolicyAction action) => action.ToString();

    private static string KindName(StatementKind kind) => JsonSerializer.Serialize(kind).Trim('"');

    private static string DecisionText(PolicyDecision decision) =>
        decision.Action == PolicyAction.RequireApproval && decision.Approvals is { } approvals
            ? $"RequireApproval ({approvals})"
            : ActionName(decision.Action);

    private static JsonObject Decision(PolicyDecision decision)
    {
        var json = new JsonObject
        {
            ["action"] = ActionName(decision.Action),
            ["policy"] = decision.Policy,
            ["rule"] = decision.Policy is null ? null : decision.RuleOrDefault,
            ["message"] = decision.Message,
        };
        if (decision.Approvals is { } approvals)
        {
            json["approvals"] = new JsonObject
            {
                ["required"] = approvals.Required,
                ["fromGroups"] = new JsonArray([.. approvals.FromGroups.Select(g => (JsonNode)g)]),
            };
        }

        if (decision.Timeout is { } timeout)
        {
            json["timeout"] = timeout.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
        }

        if (decision.RequireReason)
        {
            json["requireReason"] = true;
        }

        return json;
    }

    private IEnumerable<string> BreakGlassGroups() =>
        overall.Action == PolicyAction.RequireApproval ? overall.BreakGlassGroups.Intersect(groups, StringComparer.Ordinal) : [];

    private string? BreakGlass()
    {
        var member = BreakGlassGroups().ToList();
        return member.Count == 0
            ? null
            : $"break-glass: {user ?? "this user"} may self-approve an emergency request with a reason (member of {string.Join(", ", member)}); it is marked and evented";
    }

    private static string Excerpt(string text) => text.Length <= 60 ? text : text[..57] + "...";
}

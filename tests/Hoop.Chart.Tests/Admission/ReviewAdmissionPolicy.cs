using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Cel;
using Hoop.Chart.Tests.Templates;

namespace Hoop.Chart.Tests.Admission;

/// <summary>
/// The chart's ValidatingAdmissionPolicy evaluated as the API server would: its variables in order, then each
/// validation, over <c>object</c>, <c>oldObject</c> and <c>request</c>. Uses the CEL library LocalKube validates CRD rules
/// with; <c>has(a.b)</c> is rewritten to <c>'b' in a</c>, because that library's <c>has</c> calls an empty value absent.
/// </summary>
internal static partial class ReviewAdmissionPolicy
{
    public const string Template = "templates/validatingadmissionpolicy.yaml";

    public static JsonObject Policy { get; } =
        TemplateSkeleton.Objects(ChartFiles.Read(Template)).Single(o => o["kind"]!.GetValue<string>() == "ValidatingAdmissionPolicy");

    private static readonly CelEnvironment Cel = new(null, null);

    /// <summary>The messages of the validations that refuse the write; empty when it is admitted.</summary>
    public static IReadOnlyList<string> Refusals(JsonObject oldObject, JsonObject newObject, string username)
    {
        var variables = new Dictionary<string, object?>();
        var scope = new Dictionary<string, object?>
        {
            ["object"] = ToCel(newObject),
            ["oldObject"] = ToCel(oldObject),
            ["request"] = new Dictionary<string, object?> { ["userInfo"] = new Dictionary<string, object?> { ["username"] = username } },
            ["variables"] = variables,
        };
        foreach (var variable in Policy["spec"]!["variables"]!.AsArray())
        {
            variables[variable!["name"]!.GetValue<string>()] = Evaluate(variable["expression"]!.GetValue<string>(), scope);
        }

        var refusals = new List<string>();
        foreach (var validation in Policy["spec"]!["validations"]!.AsArray())
        {
            if (Evaluate(validation!["expression"]!.GetValue<string>(), scope) is not true)
            {
                refusals.Add(Evaluate(validation["messageExpression"]!.GetValue<string>(), scope) as string ?? "");
            }
        }

        return refusals;
    }

    private static object? Evaluate(string expression, Dictionary<string, object?> scope) =>
        Cel.Compile(HasMacro().Replace(expression, "('$2' in $1)")).Invoke(scope);

    private static object? ToCel(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => obj.ToDictionary(e => e.Key, e => ToCel(e.Value)),
        JsonArray array => array.Select(ToCel).ToList(),
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => long.Parse(value.ToJsonString(), CultureInfo.InvariantCulture),
            _ => null,
        },
        _ => null,
    };

    [GeneratedRegex(@"has\(([A-Za-z_][A-Za-z0-9_.]*)\.([A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex HasMacro();
}

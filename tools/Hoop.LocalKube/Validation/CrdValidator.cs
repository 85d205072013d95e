using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Cel;
using Hoop.LocalKube.Http;
using Json.Schema;

namespace Hoop.LocalKube.Validation;

/// <summary>
/// Validates objects against a CustomResourceDefinition the way the API server does, as far as tests need:
/// defaults first, then the OpenAPI v3 schema (through a JSON Schema validator), then the
/// <c>x-kubernetes-validations</c> CEL rules (transition rules only when an old object is given). Errors read like
/// the API server's: <c>spec.target.port: ...</c>.
/// </summary>
public sealed partial class CrdValidator
{
    private readonly JsonObject _schema;
    private readonly JsonSchema _jsonSchema;
    private readonly CelEnvironment _cel = new(null, null);
    private readonly Dictionary<string, Func<Dictionary<string, object?>, object?>> _programs = [];

    public CrdValidator(JsonObject crd, string? version = null)
    {
        ArgumentNullException.ThrowIfNull(crd);
        Kind = crd["spec"]!["names"]!["kind"]!.GetValue<string>();
        var versions = crd["spec"]!["versions"]!.AsArray();
        var served = versions.FirstOrDefault(v => version is null || v?["name"]?.GetValue<string>() == version)
            ?? throw new ArgumentException($"the CRD has no version {version}", nameof(version));
        _schema = served["schema"]!["openAPIV3Schema"]!.AsObject().DeepClone().AsObject();
        SchemaJson = _schema.ToJsonString();
        // Draft 2020-12 treats x-kubernetes-* as annotations; the default dialect refuses unknown keywords.
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry(), Dialect = Dialect.Draft202012 };
        // The built schema keeps pointing into the element, so it must not come from a document we dispose.
        _jsonSchema = JsonSchema.Build(JsonSerializer.SerializeToElement(_schema), options, new Uri($"https://schemas.hoop.dev/{Kind}"));
    }

    public string Kind { get; }

    /// <summary>The openAPIV3Schema this validator enforces, as JSON text.</summary>
    public string SchemaJson { get; }

    /// <summary>
    /// Paths of fields the schema does not know (<c>spec.x</c>), which <c>fieldValidation=Strict</c> refuses and
    /// the API server otherwise prunes. <c>metadata</c> is the API server's own and not checked here.
    /// </summary>
    public IReadOnlyList<string> UnknownFields(JsonObject candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var unknown = new List<string>();
        WalkUnknown(_schema, candidate, "", unknown, prune: false);
        return unknown;
    }

    /// <summary>Removes the fields the schema does not know, as the API server does when it stores an object.</summary>
    public void Prune(JsonObject candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        WalkUnknown(_schema, candidate, "", [], prune: true);
    }

    /// <summary>Sets the schema's defaults on absent fields, as the API server does before validating and storing.</summary>
    public void Default(JsonObject candidate) => ApplyDefaults(_schema, candidate);

    /// <summary>Every CEL rule in the schema, with where it sits.</summary>
    public IEnumerable<(string Path, string Rule)> Rules() => RulesUnder(_schema, "");

    public IReadOnlyList<string> Validate(JsonObject candidate, JsonObject? old = null)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var instance = candidate.DeepClone().AsObject();
        ApplyDefaults(_schema, instance);
        var errors = new List<string>();
        using (var document = JsonDocument.Parse(instance.ToJsonString()))
        {
            var results = _jsonSchema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            // The list also holds the failed branches of an anyOf that passed (int-or-string); those are no errors.
            // Enums are reported below, in the API server's words.
            var failures = results.IsValid ? [] : (results.Details ?? []).Where(d =>
                d.Errors is { Count: > 0 } && !d.EvaluationPath.ToString().Contains("/anyOf/", StringComparison.Ordinal));
            foreach (var detail in failures)
            {
                foreach (var (keyword, message) in detail.Errors!.Where(e => e.Key != "enum"))
                {
                    errors.Add($"{FieldPath(detail.InstanceLocation.ToString())}: {message} ({keyword})");
                }
            }
        }

        var oldInstance = old?.DeepClone().AsObject();
        if (oldInstance is not null)
        {
            ApplyDefaults(_schema, oldInstance);
        }

        CheckRules(_schema, instance, oldInstance, "", errors);
        return errors;
    }

    private void CheckRules(JsonObject schema, JsonNode? value, JsonNode? oldValue, string path, List<string> errors)
    {
        if (value is null)
        {
            return;
        }

        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, value)))
        {
            errors.Add($"{Display(path)}: Unsupported value: {value.ToJsonString()}: supported values: {string.Join(", ", allowed.Select(a => a!.ToJsonString()))}");
        }

        foreach (var validation in schema["x-kubernetes-validations"]?.AsArray() ?? [])
        {
            var rule = validation!["rule"]!.GetValue<string>();
            var transition = rule.Contains("oldSelf", StringComparison.Ordinal);
            if (transition && oldValue is null)
            {
                continue;
            }

            var variables = new Dictionary<string, object?> { ["self"] = ToCel(value) };
            if (transition)
            {
                variables["oldSelf"] = ToCel(oldValue);
            }

            var at = path + (validation["fieldPath"]?.GetValue<string>() ?? "");
            object? result;
            try
            {
                result = Program(rule)(variables);
            }
#pragma warning disable CA1031 // A rule that cannot be evaluated is reported like the API server does, as an error.
            catch (Exception e)
#pragma warning restore CA1031
            {
                errors.Add($"{Display(at)}: Invalid value: rule could not be evaluated: {e.Message}");
                continue;
            }

            if (result is not true)
            {
                errors.Add($"{Display(at)}: Invalid value: \"{TypeOf(value)}\": {validation["message"]}");
            }
        }

        if (schema["properties"] is JsonObject properties && value is JsonObject obj)
        {
            foreach (var (name, child) in properties)
            {
                CheckRules(child!.AsObject(), obj[name], (oldValue as JsonObject)?[name], $"{path}.{name}", errors);
            }
        }

        if (schema["items"] is JsonObject items && value is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                // The API server correlates old and new items only in map lists; ours are atomic.
                CheckRules(items, array[i], null, $"{path}[{i}]", errors);
            }
        }
    }

    private Func<Dictionary<string, object?>, object?> Program(string rule)
    {
        if (!_programs.TryGetValue(rule, out var program))
        {
            var compiled = _cel.Compile(WithPresenceTests(rule));
            program = variables => compiled.Invoke(variables);
            _programs[rule] = program;
        }

        return program;
    }

    /// <summary>Compiles a rule as the API server would when the CRD is created; throws when it does not compile.</summary>
    public void Compile(string rule) => Program(rule);

    /// <summary>
    /// The CEL library's <c>has()</c> follows protobuf and calls an empty map, list or string absent; Kubernetes means
    /// presence (<c>kubernetes: {}</c> is set). On our JSON maps <c>has(a.b)</c> is exactly <c>'b' in a</c>.
    /// </summary>
    private static string WithPresenceTests(string rule) => HasMacro().Replace(rule, "('$2' in $1)");

    [GeneratedRegex(@"has\(([A-Za-z_][A-Za-z0-9_.]*)\.([A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex HasMacro();

    private static void WalkUnknown(JsonObject schema, JsonNode? value, string path, List<string> unknown, bool prune)
    {
        if (schema["x-kubernetes-preserve-unknown-fields"]?.GetValue<bool>() == true || path == ".metadata")
        {
            return;
        }

        if (value is JsonObject obj && schema["properties"] is JsonObject properties)
        {
            foreach (var name in obj.Select(e => e.Key).ToList())
            {
                if (properties[name] is JsonObject child)
                {
                    WalkUnknown(child, obj[name], $"{path}.{name}", unknown, prune);
                }
                else if (path.Length > 0 || name is not ("apiVersion" or "kind" or "metadata"))
                {
                    unknown.Add($"{path}.{name}".TrimStart('.'));
                    if (prune)
                    {
                        obj.Remove(name);
                    }
                }
            }
        }
        else if (value is JsonObject map && schema["additionalProperties"] is JsonObject values)
        {
            foreach (var (name, child) in map)
            {
                WalkUnknown(values, child, $"{path}.{name}", unknown, prune);
            }
        }
        else if (value is JsonArray array && schema["items"] is JsonObject items)
        {
            for (var i = 0; i < array.Count; i++)
            {
                WalkUnknown(items, array[i], $"{path}[{i}]", unknown, prune);
            }
        }
    }

    private static void ApplyDefaults(JsonObject schema, JsonNode? value)
    {
        if (schema["properties"] is JsonObject properties && value is JsonObject obj)
        {
            foreach (var (name, child) in properties)
            {
                if (!obj.ContainsKey(name) && child!["default"] is { } defaultValue)
                {
                    obj[name] = defaultValue.DeepClone();
                }

                ApplyDefaults(child!.AsObject(), obj[name]);
            }
        }

        if (schema["items"] is JsonObject items && value is JsonArray array)
        {
            foreach (var item in array)
            {
                ApplyDefaults(items, item);
            }
        }
    }

    private static IEnumerable<(string, string)> RulesUnder(JsonObject schema, string path)
    {
        foreach (var validation in schema["x-kubernetes-validations"]?.AsArray() ?? [])
        {
            yield return (Display(path), validation!["rule"]!.GetValue<string>());
        }

        foreach (var (name, child) in schema["properties"]?.AsObject() ?? [])
        {
            foreach (var rule in RulesUnder(child!.AsObject(), $"{path}.{name}"))
            {
                yield return rule;
            }
        }

        if (schema["items"] is JsonObject items)
        {
            foreach (var rule in RulesUnder(items, path + "[*]"))
            {
                yield return rule;
            }
        }
    }

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
            JsonValueKind.Number when value.AsInt64() is { } integer => integer,
            JsonValueKind.Number => double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture),
            _ => null,
        },
        _ => null,
    };

    private static string TypeOf(JsonNode node) => node switch
    {
        JsonObject => "object",
        JsonArray => "array",
        _ => node.GetValueKind().ToString().ToLowerInvariant(),
    };

    /// <summary>"/spec/rules/0/name" → "spec.rules[0].name".</summary>
    private static string FieldPath(string pointer)
    {
        var path = "";
        foreach (var segment in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            path += int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? $"[{name}]" : $".{name}";
        }

        return Display(path);
    }

    private static string Display(string path) => path.Length == 0 ? "<root>" : path.TrimStart('.');
}

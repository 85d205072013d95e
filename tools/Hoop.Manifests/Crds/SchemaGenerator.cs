using System.Collections;
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Hoop.Api.Schema;
using k8s.Models;

namespace Hoop.Manifests.Crds;

/// <summary>
/// Turns the C# API types into a structural OpenAPI v3 schema: JSON names from <c>[JsonPropertyName]</c>, descriptions from
/// XML docs, validation from data annotations, <c>[Duration]</c> and <c>[CelRule]</c>. The CRD writer sorts keys, so output is stable.
/// </summary>
internal sealed class SchemaGenerator(XmlDocumentation docs)
{
    public JsonObject ForObject(Type type)
    {
        var properties = new JsonObject();
        var required = new List<string>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(JsonName, StringComparer.Ordinal))
        {
            if (property.GetCustomAttribute<JsonIgnoreAttribute>() is not null)
            {
                continue;
            }

            properties[JsonName(property)] = ForProperty(property);
            if (property.GetCustomAttribute<RequiredAttribute>() is not null)
            {
                required.Add(JsonName(property));
            }
        }

        var schema = new JsonObject { ["type"] = "object", ["properties"] = properties };
        if (required.Count > 0)
        {
            schema["required"] = new JsonArray([.. required.Order(StringComparer.Ordinal).Select(r => JsonValue.Create(r))]);
        }

        AddRules(schema, type.GetCustomAttributes<CelRuleAttribute>());
        return schema;
    }

    public JsonObject ForProperty(PropertyInfo property)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        var schema = ForType(type, property);
        if ((docs.Of(property) ?? docs.Of(ElementType(type) ?? type)) is { } description)
        {
            schema["description"] = description;
        }

        var isList = schema["type"]?.GetValue<string>() == "array";
        if (property.GetCustomAttribute<DefaultValueAttribute>()?.Value is { } defaultValue)
        {
            schema["default"] = JsonValue.Create(defaultValue);
        }

        if (property.GetCustomAttribute<RangeAttribute>() is { } range)
        {
            schema["minimum"] = JsonValue.Create(Convert.ToInt64(range.Minimum, CultureInfo.InvariantCulture));
            schema["maximum"] = JsonValue.Create(Convert.ToInt64(range.Maximum, CultureInfo.InvariantCulture));
        }

        if (property.GetCustomAttribute<MinLengthAttribute>() is { } min)
        {
            schema[isList ? "minItems" : "minLength"] = min.Length;
        }

        if (property.GetCustomAttribute<MaxLengthAttribute>() is { } max)
        {
            schema[isList ? "maxItems" : "maxLength"] = max.Length;
        }

        if (property.GetCustomAttribute<RegularExpressionAttribute>() is { } pattern)
        {
            schema["pattern"] = pattern.Pattern;
        }

        var rules = property.GetCustomAttributes<CelRuleAttribute>().ToList();
        if (property.GetCustomAttribute<DurationAttribute>() is { } duration)
        {
            schema["pattern"] = DurationAttribute.Pattern;
            rules.Insert(0, new CelRuleAttribute(
                $"duration(self) >= duration('{duration.Minimum}') && duration(self) <= duration('{duration.Maximum}')",
                $"must be a duration between {duration.Minimum} and {duration.Maximum}, such as 30m or 2h"));
        }

        AddRules(schema, rules);
        return schema;
    }

    private JsonObject ForType(Type type, PropertyInfo? property)
    {
        if (type == typeof(string))
        {
            return new JsonObject { ["type"] = "string" };
        }

        if (type == typeof(int))
        {
            return new JsonObject { ["type"] = "integer", ["format"] = "int32" };
        }

        if (type == typeof(long))
        {
            return new JsonObject { ["type"] = "integer", ["format"] = "int64" };
        }

        if (type == typeof(bool))
        {
            return new JsonObject { ["type"] = "boolean" };
        }

        if (type == typeof(DateTime) || type == typeof(DateTimeOffset))
        {
            return new JsonObject { ["type"] = "string", ["format"] = "date-time" };
        }

        if (type.IsEnum)
        {
            return new JsonObject { ["type"] = "string", ["enum"] = new JsonArray([.. EnumNames(type).Select(n => JsonValue.Create(n))]) };
        }

        if (type == typeof(ResourceQuantity))
        {
            return KnownSchemas.Quantity();
        }

        if (type == typeof(V1ResourceRequirements))
        {
            return KnownSchemas.ResourceRequirements();
        }

        if (type == typeof(V1LabelSelector))
        {
            return KnownSchemas.LabelSelector();
        }

        if (type == typeof(V1Condition))
        {
            return KnownSchemas.Condition();
        }

        if (ElementType(type) is { } element)
        {
            var list = new JsonObject { ["type"] = "array", ["items"] = ForType(Nullable.GetUnderlyingType(element) ?? element, null) };
            if (element == typeof(V1Condition))
            {
                // Conditions are keyed by type, so server-side apply merges them the way every controller expects.
                list["x-kubernetes-list-type"] = "map";
                list["x-kubernetes-list-map-keys"] = new JsonArray("type");
            }
            else
            {
                list["x-kubernetes-list-type"] = "atomic";
            }

            return list;
        }

        if (type.IsClass && type.Namespace?.StartsWith("Hoop.Api", StringComparison.Ordinal) == true)
        {
            return ForObject(type);
        }

        throw new NotSupportedException($"no schema mapping for {type} (property {property?.DeclaringType?.Name}.{property?.Name})");
    }

    public static string JsonName(PropertyInfo property) =>
        property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name
        ?? throw new InvalidOperationException($"{property.DeclaringType?.Name}.{property.Name} has no [JsonPropertyName]; API types name every field explicitly");

    public static IEnumerable<string> EnumNames(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name);

    private static Type? ElementType(Type type)
    {
        if (type == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(type))
        {
            return null;
        }

        return type.IsArray ? type.GetElementType() : type.GetGenericArguments().SingleOrDefault();
    }

    private static void AddRules(JsonObject schema, IEnumerable<CelRuleAttribute> rules)
    {
        var validations = new JsonArray();
        foreach (var rule in rules)
        {
            var validation = new JsonObject { ["message"] = rule.Message, ["rule"] = rule.Rule };
            if (rule.FieldPath is not null)
            {
                validation["fieldPath"] = rule.FieldPath;
            }

            validations.Add(validation);
        }

        if (validations.Count > 0)
        {
            schema["x-kubernetes-validations"] = validations;
        }
    }
}

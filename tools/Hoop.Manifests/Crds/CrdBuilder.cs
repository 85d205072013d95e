using System.Reflection;
using System.Text.Json.Nodes;
using Hoop.Api;
using Hoop.Api.Schema;
using Hoop.Api.V1Alpha1;

namespace Hoop.Manifests.Crds;

/// <summary>Builds the CustomResourceDefinition of one hoop kind from its C# type.</summary>
internal sealed class CrdBuilder(XmlDocumentation docs)
{
    private readonly SchemaGenerator _schemas = new(docs);

    /// <summary>The kinds and the C# types that define them.</summary>
    public static IReadOnlyList<(ResourceKind Kind, Type Type)> Kinds { get; } =
    [
        (ResourceKind.AccessRequest, typeof(AccessRequest)),
        (ResourceKind.ApprovalPolicy, typeof(ApprovalPolicy)),
        (ResourceKind.Connection, typeof(Connection)),
    ];

    public static CrdBuilder ForApiAssembly() => new(XmlDocumentation.For(typeof(Connection).Assembly));

    public JsonObject Build(ResourceKind kind, Type type)
    {
        var spec = type.GetProperty("Spec")!;
        var status = type.GetProperty("Status")!;
        var root = new JsonObject
        {
            ["description"] = docs.Of(type),
            ["type"] = "object",
            ["required"] = new JsonArray("spec"),
            ["properties"] = new JsonObject
            {
                ["apiVersion"] = new JsonObject
                {
                    ["description"] = "APIVersion defines the versioned schema of this representation of an object.",
                    ["type"] = "string",
                },
                ["kind"] = new JsonObject
                {
                    ["description"] = "Kind is a string value representing the REST resource this object represents.",
                    ["type"] = "string",
                },
                ["metadata"] = new JsonObject { ["type"] = "object" },
                ["spec"] = _schemas.ForProperty(spec),
                ["status"] = _schemas.ForProperty(status),
            },
        };

        var version = new JsonObject
        {
            ["name"] = HoopApiGroup.Version,
            ["served"] = true,
            ["storage"] = true,
            ["schema"] = new JsonObject { ["openAPIV3Schema"] = root },
            ["subresources"] = new JsonObject { ["status"] = new JsonObject() },
            ["additionalPrinterColumns"] = PrinterColumns(type),
        };

        var crd = new JsonObject
        {
            ["apiVersion"] = "apiextensions.k8s.io/v1",
            ["kind"] = "CustomResourceDefinition",
            ["metadata"] = new JsonObject { ["name"] = kind.CrdName },
            ["spec"] = new JsonObject
            {
                ["group"] = HoopApiGroup.Group,
                ["names"] = new JsonObject
                {
                    ["categories"] = new JsonArray(HoopApiGroup.Category),
                    ["kind"] = kind.Kind,
                    ["listKind"] = kind.Kind + "List",
                    ["plural"] = kind.Plural,
                    ["shortNames"] = new JsonArray(kind.ShortName),
                    ["singular"] = kind.Singular,
                },
                ["scope"] = "Namespaced",
                ["versions"] = new JsonArray(version),
            },
        };
        return SortKeys(crd);
    }

    private static JsonArray PrinterColumns(Type type)
    {
        var columns = new JsonArray();
        foreach (var column in type.GetCustomAttributes<PrinterColumnAttribute>().OrderBy(c => c.Order))
        {
            var entry = new JsonObject { ["name"] = column.Name, ["type"] = column.Type, ["jsonPath"] = column.JsonPath };
            if (column.Description is not null)
            {
                entry["description"] = column.Description;
            }

            if (column.Priority != 0)
            {
                entry["priority"] = column.Priority;
            }

            columns.Add(entry);
        }

        return columns;
    }

    /// <summary>Sorts every object's keys, so the output never depends on reflection order.</summary>
    private static T SortKeys<T>(T node)
        where T : JsonNode
    {
        switch (node)
        {
            case JsonObject obj:
                var entries = obj.OrderBy(e => e.Key, StringComparer.Ordinal).ToList();
                obj.Clear();
                foreach (var (key, value) in entries)
                {
                    obj[key] = value is null ? null : SortKeys(value);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is not null)
                    {
                        SortKeys(item);
                    }
                }

                break;
        }

        return node;
    }
}

using System.Text.Json.Nodes;
using Hoop.LocalKube.Api;

namespace Hoop.LocalKube.Http;

/// <summary>
/// A minimal OpenAPI v3 document per group/version: enough for kubectl to see that the server validates fields
/// itself (a PATCH operation with a <c>fieldValidation</c> parameter per kind), so it sends <c>fieldValidation=Strict</c>.
/// </summary>
internal static class OpenApi
{
    public static JsonObject Index(ResourceCatalog catalog)
    {
        var paths = new JsonObject();
        foreach (var gv in catalog.Resources.Select(r => (r.Group, r.Version)).Distinct())
        {
            var path = gv.Group.Length == 0 ? $"api/{gv.Version}" : $"apis/{gv.Group}/{gv.Version}";
            paths[path] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{path}?hash={catalog.Hash}" };
        }

        return new JsonObject { ["paths"] = paths };
    }

    public static JsonObject GroupVersion(ResourceCatalog catalog, string group, string version)
    {
        var paths = new JsonObject();
        foreach (var r in catalog.Resources.Where(r => r.Group == group && r.Version == version && !r.IsVirtual))
        {
            var prefix = group.Length == 0 ? $"/api/{version}" : $"/apis/{group}/{version}";
            var path = r.Namespaced ? $"{prefix}/namespaces/{{namespace}}/{r.Resource}/{{name}}" : $"{prefix}/{r.Resource}/{{name}}";
            var gvk = new JsonObject { ["group"] = group, ["version"] = version, ["kind"] = r.Kind };
            paths[path] = new JsonObject
            {
                ["patch"] = new JsonObject
                {
                    ["operationId"] = $"patch{r.Kind}",
                    ["x-kubernetes-action"] = "patch",
                    ["x-kubernetes-group-version-kind"] = gvk,
                    ["parameters"] = new JsonArray(
                        new JsonObject { ["name"] = "fieldValidation", ["in"] = "query", ["schema"] = new JsonObject { ["type"] = "string" } },
                        new JsonObject { ["name"] = "fieldManager", ["in"] = "query", ["schema"] = new JsonObject { ["type"] = "string" } }),
                    ["requestBody"] = new JsonObject
                    {
                        ["content"] = new JsonObject
                        {
                            ["application/json-patch+json"] = new JsonObject(),
                            ["application/merge-patch+json"] = new JsonObject(),
                            ["application/apply-patch+yaml"] = new JsonObject(),
                        },
                    },
                    ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "OK" } },
                },
            };
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.32.0" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = new JsonObject() },
        };
    }
}

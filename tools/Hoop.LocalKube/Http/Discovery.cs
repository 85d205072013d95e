using System.Text.Json.Nodes;
using Hoop.LocalKube.Api;

namespace Hoop.LocalKube.Http;

/// <summary>Discovery documents, in the legacy form (APIVersions, APIGroupList, APIResourceList) and aggregated (v2).</summary>
internal static class Discovery
{
    public const string AggregatedMediaType = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

    public static bool WantsAggregated(string? accept) =>
        accept?.Contains("as=APIGroupDiscoveryList", StringComparison.Ordinal) == true
        && accept.Contains("v=v2", StringComparison.Ordinal);

    public static JsonObject ApiVersions() => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = "127.0.0.1" }),
    };

    public static JsonObject GroupList(ResourceCatalog catalog) => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray([.. Groups(catalog).Where(g => g.Key.Length > 0).Select(g => (JsonNode)Group(g.Key, g.Value))]),
    };

    public static JsonObject Group(string group, IReadOnlyList<string> versions) => new()
    {
        ["kind"] = "APIGroup",
        ["apiVersion"] = "v1",
        ["name"] = group,
        ["versions"] = new JsonArray([.. versions.Select(v => (JsonNode)new JsonObject { ["groupVersion"] = $"{group}/{v}", ["version"] = v })]),
        ["preferredVersion"] = new JsonObject { ["groupVersion"] = $"{group}/{versions[0]}", ["version"] = versions[0] },
    };

    public static JsonObject ResourceList(ResourceCatalog catalog, string group, string version)
    {
        var resources = new JsonArray();
        foreach (var r in catalog.Resources.Where(r => r.Group == group && r.Version == version))
        {
            var entry = new JsonObject
            {
                ["name"] = r.Resource,
                ["singularName"] = r.Singular,
                ["namespaced"] = r.Namespaced,
                ["kind"] = r.Kind,
                ["verbs"] = Strings(r.Verbs),
            };
            if (r.ShortNames.Count > 0)
            {
                entry["shortNames"] = Strings(r.ShortNames);
            }

            if (r.Categories.Count > 0)
            {
                entry["categories"] = Strings(r.Categories);
            }

            resources.Add(entry);
            if (r.HasStatus)
            {
                resources.Add(new JsonObject
                {
                    ["name"] = $"{r.Resource}/status",
                    ["singularName"] = "",
                    ["namespaced"] = r.Namespaced,
                    ["kind"] = r.Kind,
                    ["verbs"] = Strings(["get", "patch", "update"]),
                });
            }

            if (r.Resource == "serviceaccounts")
            {
                resources.Add(new JsonObject
                {
                    ["name"] = "serviceaccounts/token",
                    ["singularName"] = "",
                    ["namespaced"] = true,
                    ["group"] = "authentication.k8s.io",
                    ["version"] = "v1",
                    ["kind"] = "TokenRequest",
                    ["verbs"] = Strings(["create"]),
                });
            }
        }

        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = resources,
        };
    }

    /// <summary>The aggregated discovery document for the core group (<paramref name="core"/>) or for all named groups.</summary>
    public static JsonObject Aggregated(ResourceCatalog catalog, bool core)
    {
        var items = new JsonArray();
        foreach (var (group, versions) in Groups(catalog).Where(g => (g.Key.Length == 0) == core))
        {
            var versionEntries = new JsonArray();
            foreach (var version in versions)
            {
                var resources = new JsonArray();
                foreach (var r in catalog.Resources.Where(r => r.Group == group && r.Version == version))
                {
                    var entry = new JsonObject
                    {
                        ["resource"] = r.Resource,
                        ["responseKind"] = Kind(r.Group, r.Version, r.Kind),
                        ["scope"] = r.Namespaced ? "Namespaced" : "Cluster",
                        ["singularResource"] = r.Singular,
                        ["verbs"] = Strings(r.Verbs),
                    };
                    if (r.ShortNames.Count > 0)
                    {
                        entry["shortNames"] = Strings(r.ShortNames);
                    }

                    if (r.Categories.Count > 0)
                    {
                        entry["categories"] = Strings(r.Categories);
                    }

                    var subresources = new JsonArray();
                    if (r.HasStatus)
                    {
                        subresources.Add(new JsonObject { ["subresource"] = "status", ["responseKind"] = Kind(r.Group, r.Version, r.Kind), ["verbs"] = Strings(["get", "patch", "update"]) });
                    }

                    if (r.Resource == "serviceaccounts")
                    {
                        subresources.Add(new JsonObject { ["subresource"] = "token", ["responseKind"] = Kind("authentication.k8s.io", "v1", "TokenRequest"), ["verbs"] = Strings(["create"]) });
                    }

                    if (subresources.Count > 0)
                    {
                        entry["subresources"] = subresources;
                    }

                    resources.Add(entry);
                }

                versionEntries.Add(new JsonObject { ["version"] = version, ["resources"] = resources, ["freshness"] = "Current" });
            }

            items.Add(new JsonObject { ["metadata"] = new JsonObject { ["name"] = group }, ["versions"] = versionEntries });
        }

        return new JsonObject { ["kind"] = "APIGroupDiscoveryList", ["apiVersion"] = "apidiscovery.k8s.io/v2", ["metadata"] = new JsonObject(), ["items"] = items };
    }

    private static List<KeyValuePair<string, IReadOnlyList<string>>> Groups(ResourceCatalog catalog) =>
        [.. catalog.Resources.GroupBy(r => r.Group).Select(g => KeyValuePair.Create(g.Key, (IReadOnlyList<string>)g.Select(r => r.Version).Distinct().ToList()))];

    private static JsonObject Kind(string group, string version, string kind) => new() { ["group"] = group, ["version"] = version, ["kind"] = kind };

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)v)]);
}

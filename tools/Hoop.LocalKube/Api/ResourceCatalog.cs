using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Hoop.LocalKube.Validation;

namespace Hoop.LocalKube.Api;

/// <summary>
/// Every resource served right now: the built-ins plus one entry per served version of each CustomResourceDefinition.
/// Immutable snapshots, swapped atomically when a CRD changes, so readers never lock.
/// </summary>
internal sealed class ResourceCatalog
{
    private ImmutableArray<ResourceType> _resources = [.. BuiltinResources.All];

    public ImmutableArray<ResourceType> Resources => _resources;

    /// <summary>Changes whenever the set of resources changes (discovery and OpenAPI hashes).</summary>
    public string Hash { get; private set; } = ComputeHash([.. BuiltinResources.All]);

    public ResourceType? Find(string group, string version, string resource) =>
        _resources.FirstOrDefault(r => r.Group == group && r.Version == version && r.Resource == resource);

    public bool ServesGroupVersion(string group, string version) =>
        _resources.Any(r => r.Group == group && r.Version == version);

    /// <summary>Rebuilds the custom part of the catalog from the stored CRDs.</summary>
    public void SetCustomResources(IEnumerable<JsonObject> crds)
    {
        var custom = new List<ResourceType>();
        foreach (var crd in crds)
        {
            custom.AddRange(FromCrd(crd));
        }

        var all = BuiltinResources.All.Concat(custom).ToImmutableArray();
        _resources = all;
        Hash = ComputeHash(all);
    }

    public static IEnumerable<ResourceType> FromCrd(JsonObject crd)
    {
        var spec = crd["spec"]!;
        var names = spec["names"]!;
        var group = spec["group"]!.GetValue<string>();
        foreach (var version in spec["versions"]?.AsArray() ?? [])
        {
            if (version?["served"]?.GetValue<bool>() != true)
            {
                continue;
            }

            yield return new ResourceType(group, version["name"]!.GetValue<string>(), names["plural"]!.GetValue<string>(),
                names["kind"]!.GetValue<string>(), spec["scope"]?.GetValue<string>() != "Cluster")
            {
                Singular = names["singular"]?.GetValue<string>() ?? names["kind"]!.GetValue<string>().ToLowerInvariant(),
                ShortNames = [.. names["shortNames"]?.AsArray().Select(n => n!.GetValue<string>()) ?? []],
                Categories = [.. names["categories"]?.AsArray().Select(n => n!.GetValue<string>()) ?? []],
                HasStatus = version["subresources"]?["status"] is not null,
                IsCustom = true,
                Validator = version["schema"]?["openAPIV3Schema"] is JsonObject ? new CrdValidator(crd, version["name"]!.GetValue<string>()) : null,
                PrinterColumns = version["additionalPrinterColumns"]?.AsArray(),
            };
        }
    }

    private static string ComputeHash(IEnumerable<ResourceType> resources)
    {
        var text = string.Join('\n', resources.Select(r => $"{r.ApiVersion}/{r.Resource}/{r.HasStatus}/{r.PrinterColumns?.ToJsonString()}/{r.Validator?.SchemaJson}"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }
}

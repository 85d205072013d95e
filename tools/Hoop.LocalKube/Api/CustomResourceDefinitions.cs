using System.Text.Json.Nodes;
using Hoop.LocalKube.Storage;

namespace Hoop.LocalKube.Api;

/// <summary>
/// Serves what CustomResourceDefinitions define: a created CRD is accepted and established at once, and the
/// catalog (discovery, OpenAPI, routing, validation) follows every CRD write.
/// </summary>
internal sealed class CustomResourceDefinitions(ResourceCatalog catalog, ObjectStore store, TimeProvider time)
{
    public const string StorageKey = "apiextensions.k8s.io/customresourcedefinitions";

    /// <summary>Sets the status a real API server reports once names are accepted and the resource is served.</summary>
    public void BeforeCreate(ResourceType type, JsonObject crd)
    {
        if (type.StorageKey != StorageKey)
        {
            return;
        }

        var now = Http.ObjectMetadata.Timestamp(time.GetUtcNow());
        JsonObject Condition(string kind, string reason, string message) => new()
        {
            ["type"] = kind,
            ["status"] = "True",
            ["lastTransitionTime"] = now,
            ["reason"] = reason,
            ["message"] = message,
        };
        crd["status"] = new JsonObject
        {
            ["conditions"] = new JsonArray(
                Condition("NamesAccepted", "NoConflicts", "no conflicts found"),
                Condition("Established", "InitialNamesAccepted", "the initial names have been accepted")),
            ["acceptedNames"] = crd["spec"]?["names"]?.DeepClone(),
            ["storedVersions"] = new JsonArray([.. (crd["spec"]?["versions"]?.AsArray() ?? []).Where(v => v?["storage"]?.GetValue<bool>() == true).Select(v => (JsonNode)v!["name"]!.GetValue<string>())]),
        };
    }

    /// <summary>Rebuilds the catalog after a CRD write, so new resources are served (and removed ones gone) at once.</summary>
    public void AfterWrite(ResourceType type)
    {
        if (type.StorageKey == StorageKey)
        {
            Refresh();
        }
    }

    /// <summary>A deleted CRD takes its custom resources with it, as the API server's finalizer does.</summary>
    public void AfterDelete(ResourceType type, JsonObject crd)
    {
        if (type.StorageKey != StorageKey)
        {
            return;
        }

        var key = $"{crd["spec"]?["group"]?.GetValue<string>()}/{crd["spec"]?["names"]?["plural"]?.GetValue<string>()}";
        foreach (var item in store.List(key, null).Items.ToList())
        {
            store.TryDelete(key, ObjectStore.Namespace(item), ObjectStore.Name(item), null);
        }

        Refresh();
    }

    public void Refresh() => catalog.SetCustomResources(store.List(StorageKey, null).Items.Where(c => c["metadata"]?["deletionTimestamp"] is null));
}

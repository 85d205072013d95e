using System.Text.Json.Nodes;
using Hoop.LocalKube.Admission;
using Hoop.LocalKube.Api;
using Hoop.LocalKube.Authentication;
using Hoop.LocalKube.Authorization;
using Hoop.LocalKube.Storage;
using Microsoft.AspNetCore.Http;

namespace Hoop.LocalKube.Http;

/// <summary>
/// Serves one resource request: get, list, watch, create, update, patch, delete on objects and their status.
/// Split by verb into partial files; this one routes.
/// </summary>
internal sealed partial class ResourceHandler(ResourceCatalog catalog, ObjectStore store, TimeProvider time, CustomResourceDefinitions crds, GarbageCollector collector, ServiceAccountTokens tokens, Reviews reviews, WebhookDispatcher admission)
{
    public async Task HandleAsync(HttpContext context, ApiRequestPath path, UserInfo user)
    {
        var type = catalog.Find(path.Group, path.Version, path.Resource)
            ?? throw new ApiStatus(404, "NotFound", "the server could not find the requested resource");
        if (path.Namespace is not null && !type.Namespaced)
        {
            throw new ApiStatus(404, "NotFound", "the server could not find the requested resource");
        }

        var method = context.Request.Method;
        var query = context.Request.Query;
        switch (method, path.Name, path.Subresource)
        {
            case ("GET", null, null) when IsTrue(query["watch"]):
                await WatchAsync(context, type, path).ConfigureAwait(false);
                return;
            case ("GET", null, null):
                await ListAsync(context, type, path).ConfigureAwait(false);
                return;
            case ("GET", not null, null or "status"):
                await GetAsync(context, type, path).ConfigureAwait(false);
                return;
            case ("POST", null, null):
                await CreateAsync(context, type, path, user).ConfigureAwait(false);
                return;
            case ("POST", not null, "token") when type.Resource == "serviceaccounts":
                await CreateTokenAsync(context, type, path).ConfigureAwait(false);
                return;
            case ("PUT", not null, null or "status"):
                await UpdateAsync(context, type, path, user).ConfigureAwait(false);
                return;
            case ("PATCH", not null, null or "status"):
                await PatchAsync(context, type, path, user).ConfigureAwait(false);
                return;
            case ("DELETE", not null, null):
                await DeleteAsync(context, type, path, user).ConfigureAwait(false);
                return;
            case ("DELETE", null, null) when !type.IsVirtual:
                await DeleteCollectionAsync(context, type, path, user).ConfigureAwait(false);
                return;
            default:
                throw ApiStatus.MethodNotAllowed($"the server does not allow this method on the requested resource");
        }
    }

    private static bool IsTrue(string? value) => value is "true" or "1";

    private static ApiStatus NotFound(ResourceType type, string name) => ApiStatus.NotFound(type.QualifiedResource, name, type.Group, type.Resource);

    /// <summary>The object as this resource serves it (a copy), or 404.</summary>
    private JsonObject Load(ResourceType type, ApiRequestPath path) =>
        store.Get(type.StorageKey, path.Namespace, path.Name!) is { } stored ? type.FromStorage(stored) : throw NotFound(type, path.Name!);

    private void EnsureNamespaceExists(string ns)
    {
        var found = store.Get("/namespaces", null, ns) ?? throw ApiStatus.NotFound("namespaces", ns, "", "namespaces");
        if (ObjectMetadata.IsBeingDeleted(found))
        {
            throw new ApiStatus(403, "Forbidden", $"unable to create new content in namespace {ns} because it is being terminated");
        }
    }

    /// <summary>An object (a copy the caller owns) as this resource serves it: converted, with its apiVersion and kind.</summary>
    private static JsonObject WithTypeMeta(ResourceType type, JsonObject obj)
    {
        obj = type.FromStorage(obj);
        obj["apiVersion"] = type.ApiVersion;
        obj["kind"] = type.Kind;
        return obj;
    }

    private DateTimeOffset Now => time.GetUtcNow();
}

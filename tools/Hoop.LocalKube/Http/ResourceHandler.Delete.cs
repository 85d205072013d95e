using System.Text.Json.Nodes;
using Hoop.LocalKube.Api;
using Hoop.LocalKube.Storage;
using Microsoft.AspNetCore.Http;

namespace Hoop.LocalKube.Http;

internal sealed partial class ResourceHandler
{
    private async Task DeleteAsync(HttpContext context, ResourceType type, ApiRequestPath path, Authorization.UserInfo user)
    {
        var body = await JsonResponses.ReadBodyAsync(context).ConfigureAwait(false);
        var options = body.Length == 0 ? [] : JsonResponses.ParseObject(body);
        var propagation = options["propagationPolicy"]?.GetValue<string>() ?? context.Request.Query["propagationPolicy"].ToString();
        if (propagation is not ("" or "Background" or "Foreground" or "Orphan"))
        {
            throw ApiStatus.BadRequest($"propagationPolicy: Unsupported value: \"{propagation}\": supported values: \"Foreground\", \"Background\", \"Orphan\"");
        }

        var current = Load(type, path);
        var preconditions = options["preconditions"];
        if (preconditions?["uid"]?.GetValue<string>() is { } uid && uid != ObjectMetadata.Of(current)["uid"]?.GetValue<string>())
        {
            throw ApiStatus.Conflict(type.QualifiedResource, path.Name!, type.Group, type.Resource);
        }

        var expected = preconditions?["resourceVersion"]?.GetValue<string>();
        await admission.ValidateAsync(new Admission.AdmissionRequest(type, "DELETE", null, path.Namespace, path.Name!, user, null, current, IsDryRun(context)), context.RequestAborted).ConfigureAwait(false);
        if (IsDryRun(context))
        {
            await JsonResponses.WriteAsync(context, 200, WithTypeMeta(type, current)).ConfigureAwait(false);
            return;
        }

        var finalizers = ObjectMetadata.Finalizers(current).ToList();
        if (propagation == "Foreground" && !finalizers.Contains("foregroundDeletion"))
        {
            finalizers.Add("foregroundDeletion");
        }

        if (type.Resource == "namespaces" && type.Group.Length == 0)
        {
            await DeleteNamespaceAsync(context, type, path, current).ConfigureAwait(false);
            return;
        }

        if (finalizers.Count > 0)
        {
            // Held by finalizers: mark it, keep it, and let whoever owns a finalizer finish the job.
            var marked = current.DeepClone().AsObject();
            var metadata = ObjectMetadata.Of(marked);
            metadata["deletionTimestamp"] ??= ObjectMetadata.Timestamp(Now);
            metadata["deletionGracePeriodSeconds"] = 0;
            metadata["finalizers"] = new JsonArray([.. finalizers.Select(f => (JsonNode)f)]);
            var outcome = store.TryUpdate(type.StorageKey, marked, expected ?? ObjectStore.ResourceVersion(current));
            if (outcome.Result == WriteResult.Conflict)
            {
                throw ApiStatus.Conflict(type.QualifiedResource, path.Name!, type.Group, type.Resource);
            }

            collector.OwnerDeleting(outcome.Object!, propagation);
            await JsonResponses.WriteAsync(context, 200, WithTypeMeta(type, outcome.Object!)).ConfigureAwait(false);
            return;
        }

        var deleted = store.TryDelete(type.StorageKey, path.Namespace, path.Name!, expected);
        if (deleted.Result == WriteResult.Conflict)
        {
            throw ApiStatus.Conflict(type.QualifiedResource, path.Name!, type.Group, type.Resource);
        }

        if (deleted.Result == WriteResult.NotFound)
        {
            throw NotFound(type, path.Name!);
        }

        collector.OwnerDeleted(deleted.Object!, propagation);
        crds.AfterDelete(type, deleted.Object!);
        await JsonResponses.WriteAsync(context, 200, WithTypeMeta(type, deleted.Object!)).ConfigureAwait(false);
    }

    /// <summary>deletecollection: deletes every object the selectors match, each as a single delete would.</summary>
    private async Task DeleteCollectionAsync(HttpContext context, ResourceType type, ApiRequestPath path, Authorization.UserInfo user)
    {
        var filter = Filter(type, context.Request.Query["labelSelector"], context.Request.Query["fieldSelector"]);
        var (items, _) = store.List(type.StorageKey, path.Namespace);
        var deleted = new List<JsonObject>();
        foreach (var item in items.Where(filter).ToList())
        {
            var name = ObjectStore.Name(item);
            var itemPath = path with { Namespace = ObjectStore.Namespace(item), Name = name };
            await admission.ValidateAsync(new Admission.AdmissionRequest(type, "DELETE", null, itemPath.Namespace, name, user, null, item, IsDryRun(context)), context.RequestAborted).ConfigureAwait(false);
            if (IsDryRun(context))
            {
                continue;
            }

            if (ObjectMetadata.Finalizers(item).Count > 0)
            {
                var marked = item.DeepClone().AsObject();
                ObjectMetadata.Of(marked)["deletionTimestamp"] ??= ObjectMetadata.Timestamp(Now);
                store.TryUpdate(type.StorageKey, marked, null);
                continue;
            }

            if (store.TryDelete(type.StorageKey, itemPath.Namespace, name, null) is { Result: WriteResult.Written, Object: { } gone })
            {
                collector.OwnerDeleted(gone, "Background");
                deleted.Add(gone);
            }
        }

        await JsonResponses.WriteListAsync(context, type.Kind + "List", type.ApiVersion, new JsonObject { ["resourceVersion"] = store.CurrentResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) }, deleted.Select(type.FromStorage)).ConfigureAwait(false);
    }

    /// <summary>A namespace goes Terminating, everything in it is deleted, then the namespace itself.</summary>
    private async Task DeleteNamespaceAsync(HttpContext context, ResourceType type, ApiRequestPath path, JsonObject current)
    {
        var terminating = current.DeepClone().AsObject();
        ObjectMetadata.Of(terminating)["deletionTimestamp"] ??= ObjectMetadata.Timestamp(Now);
        terminating["status"] = new JsonObject { ["phase"] = "Terminating" };
        var marked = store.TryUpdate(type.StorageKey, terminating, null).Object ?? terminating;
        foreach (var resource in catalog.Resources.Where(r => r.Namespaced && !r.IsVirtual).DistinctBy(r => r.StorageKey))
        {
            foreach (var item in store.List(resource.StorageKey, path.Name).Items)
            {
                store.TryDelete(resource.StorageKey, path.Name, ObjectStore.Name(item), null);
            }
        }

        store.TryDelete(type.StorageKey, null, path.Name!, null);
        await JsonResponses.WriteAsync(context, 200, WithTypeMeta(type, marked)).ConfigureAwait(false);
    }
}

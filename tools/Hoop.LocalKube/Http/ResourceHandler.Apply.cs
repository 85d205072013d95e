using System.Text.Json.Nodes;
using Hoop.LocalKube.Api;
using Hoop.LocalKube.Storage;
using Microsoft.AspNetCore.Http;

namespace Hoop.LocalKube.Http;

internal sealed partial class ResourceHandler
{
    /// <summary>
    /// Server-side apply: the configuration's fields become the manager's; a field another manager owns with a different
    /// value is a conflict (409) unless <c>force=true</c>; fields the manager applied before and dropped now are removed.
    /// Creates the object when it does not exist (201).
    /// </summary>
    private async Task ApplyAsync(HttpContext context, ResourceType type, ApiRequestPath path, Authorization.UserInfo user, byte[] body)
    {
        var manager = context.Request.Query["fieldManager"].ToString();
        if (manager.Length == 0)
        {
            throw ApiStatus.Invalid("PatchOptions", "meta.k8s.io", "", ["fieldManager: Required value: is required for apply patch"]);
        }

        var applied = JsonResponses.ParseObject(body);
        var appliedName = ObjectMetadata.Of(applied)["name"]?.GetValue<string>();
        if (appliedName != path.Name)
        {
            throw ApiStatus.BadRequest($"metadata.name: Invalid value: \"{appliedName}\": the name in the configuration must be the name in the URL ({path.Name})");
        }

        var statusOnly = path.Subresource == "status";
        var leaves = ManagedFields.Leaves(applied, includeStatus: statusOnly || !type.HasStatus);
        if (statusOnly)
        {
            leaves.RemoveWhere(p => !p.StartsWith("status", StringComparison.Ordinal));
        }

        var current = store.Get(type.StorageKey, path.Namespace, path.Name!);
        var now = ObjectMetadata.Timestamp(Now);
        if (current is null)
        {
            if (statusOnly)
            {
                throw NotFound(type, path.Name!);
            }

            var created = WithTypeMeta(type, applied.DeepClone().AsObject());
            ObjectMetadata.Of(created)["managedFields"] = new JsonArray(ManagedFields.Entry(manager, "Apply", type.ApiVersion, now, leaves, null));
            await CreateAppliedAsync(context, type, path, user, created).ConfigureAwait(false);
            return;
        }

        var force = IsTrue(context.Request.Query["force"]);
        var owners = ManagedFields.Read(current);
        var conflicts = new List<(string Manager, string Path)>();
        foreach (var (entry, paths) in owners)
        {
            var owner = entry["manager"]?.GetValue<string>();
            var isSelf = owner == manager && entry["operation"]?.GetValue<string>() == "Apply";
            if (isSelf)
            {
                continue;
            }

            foreach (var leaf in leaves.Where(paths.Contains))
            {
                if (!JsonNode.DeepEquals(ManagedFields.ValueAt(current, leaf), ManagedFields.ValueAt(applied, leaf)))
                {
                    conflicts.Add((owner ?? "", leaf));
                }
            }
        }

        if (conflicts.Count > 0 && !force)
        {
            var list = string.Join("\n", conflicts.Select(c => $"- conflict with \"{c.Manager}\": {ManagedFields.Display(c.Path)}"));
            throw new ApiStatus(409, "Conflict", $"Apply failed with {conflicts.Count} conflict{(conflicts.Count == 1 ? "" : "s")}: {list}");
        }

        var next = current.DeepClone().AsObject();
        var previouslyMine = owners.Where(o => o.Entry["manager"]?.GetValue<string>() == manager && o.Entry["operation"]?.GetValue<string>() == "Apply")
            .SelectMany(o => o.Paths).ToHashSet();
        var ownedByOthers = owners.Where(o => !(o.Entry["manager"]?.GetValue<string>() == manager && o.Entry["operation"]?.GetValue<string>() == "Apply"))
            .SelectMany(o => o.Paths).ToHashSet();
        foreach (var dropped in previouslyMine.Where(p => !leaves.Contains(p) && !ownedByOthers.Contains(p)))
        {
            ManagedFields.RemoveAt(next, dropped);
        }

        foreach (var leaf in leaves)
        {
            ManagedFields.SetAt(next, leaf, ManagedFields.ValueAt(applied, leaf));
        }

        var entries = new JsonArray();
        foreach (var (entry, paths) in owners)
        {
            if (entry["manager"]?.GetValue<string>() == manager && entry["operation"]?.GetValue<string>() == "Apply")
            {
                continue;
            }

            var kept = paths.Where(p => !leaves.Contains(p)).ToList();
            if (kept.Count > 0)
            {
                var copy = entry.DeepClone().AsObject();
                copy["fieldsV1"] = ManagedFields.ToFieldsV1(kept);
                entries.Add(copy);
            }
        }

        entries.Add(ManagedFields.Entry(manager, "Apply", type.ApiVersion, now, leaves, statusOnly ? "status" : null));
        ObjectMetadata.Of(next)["managedFields"] = entries;
        var stored = await WriteAsync(context, type, path, user, current, next, ObjectStore.ResourceVersion(applied) ?? ObjectStore.ResourceVersion(current)).ConfigureAwait(false);
        await JsonResponses.WriteAsync(context, 200, WithTypeMeta(type, stored)).ConfigureAwait(false);
    }

    private async Task CreateAppliedAsync(HttpContext context, ResourceType type, ApiRequestPath path, Authorization.UserInfo user, JsonObject obj)
    {
        if (path.Namespace is not null)
        {
            ObjectMetadata.Of(obj)["namespace"] = path.Namespace;
            EnsureNamespaceExists(path.Namespace);
        }

        await StoreNewAsync(context, type, path, user, obj, path.Name!, recordUpdateManager: false).ConfigureAwait(false);
    }
}

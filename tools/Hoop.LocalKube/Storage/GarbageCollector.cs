using System.Text.Json.Nodes;

namespace Hoop.LocalKube.Storage;

/// <summary>
/// What kube-controller-manager's garbage collector does, run inline after deletes: dependents (objects whose
/// ownerReferences name a deleted owner) are deleted in the background, deleted first in the foreground (the owner
/// waits under the <c>foregroundDeletion</c> finalizer for dependents with <c>blockOwnerDeletion</c>), or orphaned.
/// </summary>
internal sealed class GarbageCollector(ObjectStore store, TimeProvider time)
{
    public const string ForegroundFinalizer = "foregroundDeletion";

    /// <summary>The owner is gone: orphan its dependents or delete those left without any owner.</summary>
    public void OwnerDeleted(JsonObject owner, string propagation)
    {
        var uid = Uid(owner);
        foreach (var (key, dependent) in Dependents(uid))
        {
            var remaining = OwnerReferences(dependent).Where(r => r?["uid"]?.GetValue<string>() != uid).Select(r => r!.DeepClone()).ToList();
            if (propagation == "Orphan" || remaining.Count > 0)
            {
                var updated = dependent.DeepClone().AsObject();
                updated["metadata"]!["ownerReferences"] = new JsonArray([.. remaining]);
                store.TryUpdate(key, updated, null);
                continue;
            }

            Delete(key, dependent, "Background");
        }

        Sweep();
    }

    /// <summary>
    /// A new object whose owners are all gone already (a controller acting on a stale cache) is collected at once, as the
    /// real collector collects dependents with dangling owner references.
    /// </summary>
    public void Created(string key, JsonObject obj)
    {
        var owners = OwnerReferences(obj).Select(r => r?["uid"]?.GetValue<string>()).OfType<string>().ToHashSet(StringComparer.Ordinal);
        if (owners.Count == 0 || store.StorageKeys.Any(k => store.List(k, null).Items.Any(o => Uid(o) is { } uid && owners.Contains(uid))))
        {
            return;
        }

        Delete(key, obj, "Background");
    }

    /// <summary>The owner is marked for deletion; in the foreground its dependents go first.</summary>
    public void OwnerDeleting(JsonObject owner, string propagation)
    {
        if (propagation == "Foreground")
        {
            foreach (var (key, dependent) in Dependents(Uid(owner)))
            {
                Delete(key, dependent, "Foreground");
            }
        }

        Sweep();
    }

    private void Delete(string key, JsonObject obj, string propagation)
    {
        var metadata = obj["metadata"]!.AsObject();
        var finalizers = metadata["finalizers"]?.AsArray().Select(f => f!.GetValue<string>()).ToList() ?? [];
        if (propagation == "Foreground" && Dependents(Uid(obj)).Any())
        {
            finalizers.Add(ForegroundFinalizer);
        }

        if (finalizers.Count > 0)
        {
            var marked = obj.DeepClone().AsObject();
            marked["metadata"]!["deletionTimestamp"] ??= Http.ObjectMetadata.Timestamp(time.GetUtcNow());
            marked["metadata"]!["finalizers"] = new JsonArray([.. finalizers.Distinct().Select(f => (JsonNode)f)]);
            store.TryUpdate(key, marked, null);
            OwnerDeleting(marked, propagation);
            return;
        }

        var deleted = store.TryDelete(key, ObjectStore.Namespace(obj), ObjectStore.Name(obj), null);
        if (deleted.Result == WriteResult.Written)
        {
            OwnerDeleted(deleted.Object!, propagation);
        }
    }

    /// <summary>Releases owners waiting in the foreground whose blocking dependents are all gone.</summary>
    private void Sweep()
    {
        foreach (var key in store.StorageKeys)
        {
            foreach (var waiting in store.List(key, null).Items.Where(o => Finalizers(o).Contains(ForegroundFinalizer)))
            {
                if (Dependents(Uid(waiting)).Any(d => OwnerReferences(d.Object).Any(r => r?["uid"]?.GetValue<string>() == Uid(waiting) && r?["blockOwnerDeletion"]?.GetValue<bool>() == true)))
                {
                    continue;
                }

                var released = waiting.DeepClone().AsObject();
                var rest = Finalizers(waiting).Where(f => f != ForegroundFinalizer).ToList();
                released["metadata"]!["finalizers"] = new JsonArray([.. rest.Select(f => (JsonNode)f)]);
                if (rest.Count == 0)
                {
                    var deleted = store.TryDelete(key, ObjectStore.Namespace(waiting), ObjectStore.Name(waiting), null);
                    if (deleted.Result == WriteResult.Written)
                    {
                        OwnerDeleted(deleted.Object!, "Background");
                    }
                }
                else
                {
                    store.TryUpdate(key, released, null);
                }
            }
        }
    }

    private IEnumerable<(string Key, JsonObject Object)> Dependents(string? ownerUid)
    {
        if (ownerUid is null)
        {
            yield break;
        }

        foreach (var key in store.StorageKeys)
        {
            foreach (var item in store.List(key, null).Items)
            {
                if (OwnerReferences(item).Any(r => r?["uid"]?.GetValue<string>() == ownerUid))
                {
                    yield return (key, item);
                }
            }
        }
    }

    private static string? Uid(JsonObject obj) => obj["metadata"]?["uid"]?.GetValue<string>();

    private static JsonArray OwnerReferences(JsonObject obj) => obj["metadata"]?["ownerReferences"] as JsonArray ?? [];

    private static List<string> Finalizers(JsonObject obj) =>
        obj["metadata"]?["finalizers"]?.AsArray().Select(f => f!.GetValue<string>()).ToList() ?? [];
}

using System.Text.Json.Nodes;

namespace Hoop.LocalKube.Api;

/// <summary>
/// Field ownership for server-side apply, kept in <c>metadata.managedFields</c> as FieldsV1. Objects are tracked
/// field by field; lists and scalars are owned whole (as atomic lists are by the API server).
/// </summary>
internal static class ManagedFields
{
    private static readonly HashSet<string> ServerOwnedMetadata =
        ["name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp", "managedFields", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink"];

    /// <summary>The leaf paths a configuration sets, e.g. <c>spec.replicas</c>, <c>metadata.labels.app</c>.</summary>
    public static HashSet<string> Leaves(JsonObject obj, bool includeStatus)
    {
        var leaves = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in obj)
        {
            if (key is "apiVersion" or "kind" || (key == "status" && !includeStatus))
            {
                continue;
            }

            Collect(value, key, leaves, inMetadata: key == "metadata");
        }

        return leaves;
    }

    public static JsonNode? ValueAt(JsonObject obj, string path)
    {
        JsonNode? node = obj;
        foreach (var part in Split(path))
        {
            node = (node as JsonObject)?[part];
        }

        return node;
    }

    public static void SetAt(JsonObject obj, string path, JsonNode? value)
    {
        var parts = Split(path);
        var node = obj;
        foreach (var part in parts[..^1])
        {
            if (node[part] is not JsonObject child)
            {
                child = [];
                node[part] = child;
            }

            node = child;
        }

        node[parts[^1]] = value?.DeepClone();
    }

    public static void RemoveAt(JsonObject obj, string path)
    {
        var parts = Split(path);
        var node = obj;
        foreach (var part in parts[..^1])
        {
            if (node[part] is not JsonObject child)
            {
                return;
            }

            node = child;
        }

        node.Remove(parts[^1]);
    }

    /// <summary>The managers of an object and the paths each owns.</summary>
    public static List<(JsonObject Entry, HashSet<string> Paths)> Read(JsonObject obj) =>
        [.. (obj["metadata"]?["managedFields"]?.AsArray() ?? [])
            .OfType<JsonObject>()
            .Select(e => (e, FromFieldsV1(e["fieldsV1"] as JsonObject ?? [], "")))];

    public static JsonObject Entry(string manager, string operation, string apiVersion, string time, IEnumerable<string> paths, string? subresource)
    {
        var entry = new JsonObject
        {
            ["manager"] = manager,
            ["operation"] = operation,
            ["apiVersion"] = apiVersion,
            ["time"] = time,
            ["fieldsType"] = "FieldsV1",
            ["fieldsV1"] = ToFieldsV1(paths),
        };
        if (subresource is not null)
        {
            entry["subresource"] = subresource;
        }

        return entry;
    }

    public static JsonObject ToFieldsV1(IEnumerable<string> paths)
    {
        var root = new JsonObject();
        foreach (var path in paths.Order(StringComparer.Ordinal))
        {
            var node = root;
            foreach (var part in Split(path))
            {
                var key = "f:" + part;
                if (node[key] is not JsonObject child)
                {
                    child = [];
                    node[key] = child;
                }

                node = child;
            }
        }

        return root;
    }

    private static HashSet<string> FromFieldsV1(JsonObject fields, string prefix)
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in fields)
        {
            if (!key.StartsWith("f:", StringComparison.Ordinal))
            {
                continue;
            }

            var path = prefix.Length == 0 ? key[2..] : $"{prefix}\u0000{key[2..]}";
            if (value is JsonObject { Count: > 0 } children)
            {
                paths.UnionWith(FromFieldsV1(children, path));
            }
            else
            {
                paths.Add(path);
            }
        }

        return paths;
    }

    /// <summary>
    /// Records a non-apply write (create, update, patch) by <paramref name="manager"/>: it takes ownership of the
    /// fields it set or changed, which other managers lose, as the API server tracks <c>Update</c> operations.
    /// </summary>
    public static void RecordUpdate(JsonObject? before, JsonObject after, string manager, string apiVersion, string time, bool includeStatus, string? subresource)
    {
        var owners = Read(before ?? after);
        var changed = Leaves(after, includeStatus)
            .Where(p => before is null || !JsonNode.DeepEquals(ValueAt(before, p), ValueAt(after, p)))
            .ToHashSet(StringComparer.Ordinal);
        var entries = new JsonArray();
        var mine = new HashSet<string>(changed, StringComparer.Ordinal);
        foreach (var (entry, paths) in owners)
        {
            var isMine = entry["manager"]?.GetValue<string>() == manager && entry["operation"]?.GetValue<string>() == "Update"
                && entry["subresource"]?.GetValue<string>() == subresource;
            if (isMine)
            {
                mine.UnionWith(paths.Where(p => ValueAt(after, p) is not null));
                continue;
            }

            var kept = paths.Where(p => !changed.Contains(p) && ValueAt(after, p) is not null).ToList();
            if (kept.Count > 0)
            {
                var copy = entry.DeepClone().AsObject();
                copy["fieldsV1"] = ToFieldsV1(kept);
                entries.Add(copy);
            }
        }

        if (mine.Count > 0)
        {
            entries.Add(Entry(manager, "Update", apiVersion, time, mine, subresource));
        }

        after["metadata"]!["managedFields"] = entries;
    }

    /// <summary>A path as users read it in conflict messages: <c>.spec.replicas</c>.</summary>
    public static string Display(string path) => "." + string.Join('.', Split(path));

    private static void Collect(JsonNode? value, string path, HashSet<string> leaves, bool inMetadata)
    {
        if (inMetadata && path.Split('\u0000') is ["metadata", var field] && ServerOwnedMetadata.Contains(field))
        {
            return;
        }

        if (value is JsonObject { Count: > 0 } obj)
        {
            foreach (var (key, child) in obj)
            {
                Collect(child, $"{path}\u0000{key}", leaves, inMetadata);
            }

            return;
        }

        leaves.Add(path);
    }

    // Paths join their parts with NUL, which no JSON field name of ours contains, so dotted label keys survive.
    private static string[] Split(string path) => path.Split('\u0000');
}

using System.Text.Json.Nodes;

namespace Hoop.LocalKube.Patching;

/// <summary>
/// Applies Kubernetes strategic merge patches (<c>application/strategic-merge-patch+json</c>) to built-in kinds the way
/// the API server's k8s.io/apimachinery/pkg/util/strategicpatch does (parallel lists merged, unmatched nulls ignored).
/// Covered: objects merge like a JSON merge patch and <c>null</c> deletes a field; a list merges by the strategy
/// <see cref="ListMergeRules"/> gives its field (by merge key, as a set of primitives, or replaced whole);
/// <c>$patch: replace</c> and <c>$patch: delete</c> on objects and on list elements (an object deleted this way becomes
/// <c>{}</c>, as upstream); <c>$deleteFromPrimitiveList/&lt;field&gt;</c>; <c>$retainKeys</c>; <c>$setElementOrder/&lt;field&gt;</c>;
/// and upstream's ordering of merged lists: the elements the patch names in patch (or <c>$setElementOrder</c>) order,
/// the others in stored order, a stored element staying ahead of a patched one only if it was ahead of it before
/// (so, as on a real cluster, a new container lands first unless <c>$setElementOrder</c> places it).
/// Not covered: strategies read from Go struct tags or OpenAPI (the rule table stands in for them, so fields it does
/// not know are replaced), <c>patchStrategy:"replace"</c> on objects, <c>retainKeys</c> as a field strategy (only the
/// directive), lists of lists, and checking the result against the kind's schema.
/// </summary>
internal static partial class StrategicMergePatch
{
    private const string PatchDirective = "$patch";
    private const string RetainKeysDirective = "$retainKeys";
    private const string SetElementOrderPrefix = "$setElementOrder/";
    private const string DeleteFromPrimitiveListPrefix = "$deleteFromPrimitiveList/";

    /// <summary>Applies <paramref name="patch"/> to a copy of <paramref name="target"/>; <paramref name="rules"/> defaults to <see cref="ListMergeRules.BuiltIn"/>.</summary>
    public static PatchOutcome Apply(JsonNode? target, string patch, ListMergeRules? rules = null) =>
        PatchBody.TryParse(patch, out var parsed, out var error) ? Apply(target, parsed, rules) : PatchOutcome.Malformed(error);

    public static PatchOutcome Apply(JsonNode? target, JsonNode? patch, ListMergeRules? rules = null)
    {
        // The API server decodes a "null" body into an empty patch.
        if (patch is null)
        {
            return PatchOutcome.Success(target?.DeepClone());
        }

        if (patch is not JsonObject patchObject)
        {
            return PatchOutcome.Malformed($"a strategic merge patch must be a JSON object, but the body is {PatchBody.Describe(patch)}");
        }

        var original = target?.DeepClone() as JsonObject ?? [];
        var failure = MergeObject(original, patchObject, Location.Root, rules ?? ListMergeRules.BuiltIn, out var merged);
        return failure ?? PatchOutcome.Success(merged);
    }

    /// <summary>Merges <paramref name="patch"/> into <paramref name="original"/>, which it may change in place or replace.</summary>
    private static PatchOutcome? MergeObject(JsonObject original, JsonObject patch, Location at, ListMergeRules rules, out JsonObject merged)
    {
        merged = original;
        if (!patch.TryGetPropertyValue(PatchDirective, out var directive))
        {
            return MergeFields(original, patch, at, rules);
        }

        switch (AsString(directive))
        {
            case "replace":
                merged = [];
                return MergeFields(merged, patch, at, rules);
            case "delete":
                merged = [];
                return null;
            default:
                return Reject(at, $"\"$patch\": {Preview(directive)} is not a directive for an object; use \"replace\" or \"delete\"");
        }
    }

    private static PatchOutcome? MergeFields(JsonObject original, JsonObject patch, Location at, ListMergeRules rules)
    {
        var failure = CheckDirectives(patch, at, out var orders) ?? RetainKeys(original, patch, at);
        if (failure is not null)
        {
            return failure;
        }

        foreach (var (name, value) in patch)
        {
            if (name.StartsWith('$'))
            {
                continue;
            }

            if (value is null)
            {
                original.Remove(name);
                continue;
            }

            var field = at.Member(name);
            var rule = rules.Find(name, at.Field);
            original.TryGetPropertyValue(name, out var current);
            JsonNode? result;
            switch (current, value)
            {
                case (JsonObject currentObject, JsonObject patchObject):
                    failure = MergeObject(currentObject, patchObject, field, rules, out var mergedObject);
                    result = mergedObject;
                    break;
                case (JsonArray currentList, JsonArray patchList):
                    failure = MergeList(currentList, patchList, orders?.GetValueOrDefault(name), rule, field, rules, out var mergedList);
                    result = mergedList;
                    break;
                default:
                    failure = Fresh(value, field, rule, rules, out result, orders?.GetValueOrDefault(name));
                    break;
            }

            if (failure is not null)
            {
                return failure;
            }

            if (!ReferenceEquals(result, current))
            {
                original[name] = result;
            }
        }

        return ReorderUnpatchedLists(original, patch, orders, at, rules) ?? DeleteFromPrimitiveLists(original, patch, at);
    }

    /// <summary>Builds the value of a field the object did not have, dropping the patch's nulls and directives as a merge would.</summary>
    private static PatchOutcome? Fresh(JsonNode? value, Location at, ListMergeRule rule, ListMergeRules rules, out JsonNode? fresh, JsonArray? order = null)
    {
        fresh = null;
        switch (value)
        {
            case JsonObject patchObject:
                var failure = MergeObject([], patchObject, at, rules, out var mergedObject);
                fresh = mergedObject;
                return failure;
            case JsonArray patchList:
                failure = MergeList([], patchList, order, rule, at, rules, out var mergedList);
                fresh = mergedList;
                return failure;
            default:
                fresh = value?.DeepClone();
                return null;
        }
    }

    /// <summary>Checks every <c>$</c> key of a patch object and collects the <c>$setElementOrder</c> lists by field.</summary>
    private static PatchOutcome? CheckDirectives(JsonObject patch, Location at, out Dictionary<string, JsonArray>? orders)
    {
        orders = null;
        foreach (var (name, value) in patch)
        {
            if (!name.StartsWith('$') || name is PatchDirective or RetainKeysDirective)
            {
                continue;
            }

            if (name.StartsWith(SetElementOrderPrefix, StringComparison.Ordinal) && name.Length > SetElementOrderPrefix.Length && value is JsonArray order)
            {
                (orders ??= [])[name[SetElementOrderPrefix.Length..]] = order;
            }
            else if (name.StartsWith(DeleteFromPrimitiveListPrefix, StringComparison.Ordinal) && name.Length > DeleteFromPrimitiveListPrefix.Length && value is JsonArray)
            {
                continue;
            }
            else if (name.StartsWith(SetElementOrderPrefix, StringComparison.Ordinal) || name.StartsWith(DeleteFromPrimitiveListPrefix, StringComparison.Ordinal))
            {
                return BadFormat(at, $"\"{name}\" must name a list field after the \"/\" and hold a list");
            }
            else
            {
                return BadFormat(at, $"\"{name}\" is not a strategic merge patch directive; use $patch, $retainKeys, $setElementOrder/<field> or $deleteFromPrimitiveList/<field>");
            }
        }

        return null;
    }

    /// <summary><c>$retainKeys</c>: fields of the object not in the list are cleared, and the patch may set no field outside it.</summary>
    private static PatchOutcome? RetainKeys(JsonObject original, JsonObject patch, Location at)
    {
        if (!patch.TryGetPropertyValue(RetainKeysDirective, out var directive))
        {
            return null;
        }

        if (directive is not JsonArray names || names.Any(name => AsString(name) is null))
        {
            return BadFormat(at, "\"$retainKeys\" must be a list of field names");
        }

        var keep = names.Select(name => AsString(name)!).ToHashSet(StringComparer.Ordinal);
        var outside = patch.FirstOrDefault(member => member.Value is not null && !member.Key.StartsWith('$') && !keep.Contains(member.Key));
        if (outside.Key is not null)
        {
            return BadFormat(at, $"the patch sets \"{outside.Key}\", which \"$retainKeys\" does not list; list every field the object keeps");
        }

        foreach (var name in original.Select(member => member.Key).Where(name => !keep.Contains(name)).ToList())
        {
            original.Remove(name);
        }

        return null;
    }

    /// <summary>A <c>$setElementOrder/&lt;field&gt;</c> sent without its list reorders the stored list.</summary>
    private static PatchOutcome? ReorderUnpatchedLists(JsonObject original, JsonObject patch, Dictionary<string, JsonArray>? orders, Location at, ListMergeRules rules)
    {
        foreach (var (name, order) in orders ?? [])
        {
            var rule = rules.Find(name, at.Field);
            if (patch.ContainsKey(name) || rule.Strategy == ListStrategy.Replace || !original.TryGetPropertyValue(name, out var stored) || stored is not JsonArray list)
            {
                continue;
            }

            var failure = MergeList(list, [], order, rule, at.Member(name), rules, out var reordered);
            if (failure is not null)
            {
                return failure;
            }

            original[name] = reordered;
        }

        return null;
    }

    /// <summary><c>$deleteFromPrimitiveList/&lt;field&gt;</c> removes the listed values from the stored list.</summary>
    private static PatchOutcome? DeleteFromPrimitiveLists(JsonObject original, JsonObject patch, Location at)
    {
        foreach (var (name, value) in patch)
        {
            if (!name.StartsWith(DeleteFromPrimitiveListPrefix, StringComparison.Ordinal)
                || !original.TryGetPropertyValue(name[DeleteFromPrimitiveListPrefix.Length..], out var stored)
                || stored is not JsonArray list)
            {
                continue;
            }

            var doomed = (JsonArray)value!;
            if (doomed.Any(item => item is JsonObject or JsonArray))
            {
                return BadFormat(at, $"\"{name}\" may list only primitive values");
            }

            for (var i = list.Count - 1; i >= 0; i--)
            {
                if (doomed.Any(item => JsonNode.DeepEquals(item, list[i])))
                {
                    list.RemoveAt(i);
                }
            }
        }

        return null;
    }

    private static string? AsString(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static string Preview(JsonNode? node) => node?.ToJsonString() ?? "null";

    private static PatchOutcome Reject(Location at, string reason) =>
        PatchOutcome.NotApplicable($"strategic merge patch does not apply at {at}: {reason}");

    private static PatchOutcome BadFormat(Location at, string reason) =>
        PatchOutcome.Malformed($"strategic merge patch is malformed at {at}: {reason}");

    /// <summary>Where the merge is, for errors (<c>spec.template.spec.containers[name="web"]</c>) and for list rules (the enclosing field).</summary>
    private readonly record struct Location(string Path, string? Field)
    {
        public static Location Root => new(string.Empty, null);

        public Location Member(string name) => new(Path.Length == 0 ? name : $"{Path}.{name}", name);

        public Location Element(string selector) => new($"{Path}[{selector}]", Field);

        public override string ToString() => Path.Length == 0 ? "the top level" : Path;
    }
}

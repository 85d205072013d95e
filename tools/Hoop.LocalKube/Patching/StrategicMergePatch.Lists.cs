using System.Text.Json.Nodes;

namespace Hoop.LocalKube.Patching;

internal static partial class StrategicMergePatch
{
    /// <summary>Merges a patch list into the stored one by the field's rule; the result is always a new array.</summary>
    private static PatchOutcome? MergeList(JsonArray current, JsonArray patch, JsonArray? order, ListMergeRule rule, Location at, ListMergeRules rules, out JsonArray merged) =>
        rule.Strategy switch
        {
            ListStrategy.MergeByKey => MergeByKey(current, patch, order, rule.MergeKey!, at, rules, out merged),
            ListStrategy.MergeAsSet => MergeAsSet(current, patch, order, at, out merged),
            _ => ReplaceList(patch, at, rules, out merged),
        };

    private static PatchOutcome? ReplaceList(JsonArray patch, Location at, ListMergeRules rules, out JsonArray merged)
    {
        merged = [];
        for (var i = 0; i < patch.Count; i++)
        {
            if (patch[i] is JsonObject element && element.TryGetPropertyValue(PatchDirective, out var directive))
            {
                // A list without a merge key is replaced anyway, so "replace" only needs dropping.
                if (AsString(directive) == "replace")
                {
                    continue;
                }

                return Reject(at, $"element {i} of the patch says \"$patch\": {Preview(directive)}, but this list has no merge key, so its elements cannot be deleted or merged one by one; send the whole list instead");
            }

            var failure = Fresh(patch[i], at.Element($"{i}"), ListMergeRule.Replaced(at.Field ?? string.Empty), rules, out var fresh);
            if (failure is not null)
            {
                return failure;
            }

            merged.Add(fresh);
        }

        return null;
    }

    private static PatchOutcome? MergeAsSet(JsonArray current, JsonArray patch, JsonArray? order, Location at, out JsonArray merged)
    {
        merged = current;
        var failure = RequirePrimitives(current, "stored list", at) ?? RequirePrimitives(patch, "patch", at);
        if (failure is not null)
        {
            return failure;
        }

        // Duplicates go, as upstream deduplicates the stored and the patch values together.
        var stored = Detach(current);
        var items = new List<JsonNode?>(stored.Count + patch.Count);
        foreach (var item in stored)
        {
            if (!items.Any(existing => JsonNode.DeepEquals(existing, item)))
            {
                items.Add(item);
            }
        }

        foreach (var item in patch)
        {
            if (!items.Any(existing => JsonNode.DeepEquals(existing, item)))
            {
                items.Add(item?.DeepClone());
            }
        }

        merged = Arrange(items, order ?? patch, stored, JsonNode.DeepEquals);
        return null;
    }

    private static PatchOutcome? MergeByKey(JsonArray current, JsonArray patch, JsonArray? order, string key, Location at, ListMergeRules rules, out JsonArray merged)
    {
        merged = current;
        var failure = RequireObjects(current, key, "stored list", at) ?? RequireObjects(patch, key, "patch", at);
        if (failure is not null)
        {
            return failure;
        }

        bool SameElement(JsonNode? left, JsonNode? right) => TryGetKey(left, key, out var leftKey) && TryGetKey(right, key, out var rightKey) && JsonNode.DeepEquals(leftKey, rightKey);

        var items = Detach(current);
        var elements = new List<(int Index, JsonObject Element)>();
        var replace = false;
        for (var i = 0; i < patch.Count; i++)
        {
            var element = (JsonObject)patch[i]!;
            if (!element.TryGetPropertyValue(PatchDirective, out var directive))
            {
                elements.Add((i, element));
                continue;
            }

            switch (AsString(directive))
            {
                case "delete" when TryGetKey(element, key, out _):
                    items.RemoveAll(item => SameElement(item, element));
                    break;
                case "delete":
                    return Reject(at, $"element {i} of the patch says \"$patch\": \"delete\" but has no \"{key}\", the key this list merges by; add it to name the element to delete");
                case "replace":
                    replace = true;
                    break;
                default:
                    return Reject(at, $"element {i} of the patch says \"$patch\": {Preview(directive)}, which list elements do not take; use \"delete\" or \"replace\"");
            }
        }

        // "$patch": "replace" on any element makes the patch's other elements the whole list.
        var stored = replace ? [] : items.ToList();
        if (replace)
        {
            items.Clear();
        }

        foreach (var (index, element) in elements)
        {
            if (!TryGetKey(element, key, out var keyValue))
            {
                return Reject(at, $"element {index} of the patch has no \"{key}\", the key this list merges by; add it so the server knows which element to change");
            }

            var position = items.FindIndex(item => SameElement(item, element));
            var target = position >= 0 ? (JsonObject)items[position]! : [];
            failure = MergeObject(target, element, at.Element($"{key}={Preview(keyValue)}"), rules, out var mergedElement);
            if (failure is not null)
            {
                return failure;
            }

            if (position >= 0)
            {
                items[position] = mergedElement;
            }
            else
            {
                items.Add(mergedElement);
            }
        }

        // The patch elements are read, never moved: a list of them must not become a JsonArray, which would adopt them.
        IList<JsonNode?> patchOrder = order is null ? elements.Select(pair => (JsonNode?)pair.Element).ToList() : order;
        merged = replace ? [.. items] : Arrange(items, patchOrder, stored, SameElement);
        return null;
    }

    /// <summary>
    /// Orders a merged list as upstream's normalizeElementOrder does: elements named by <paramref name="order"/> (the patch
    /// list or its <c>$setElementOrder</c>) in that order, the other elements in stored order, and the two interleaved so
    /// that a stored-only element comes first only when the stored list also had it before the next patch element.
    /// </summary>
    private static JsonArray Arrange(List<JsonNode?> items, IList<JsonNode?> order, IList<JsonNode?> stored, Func<JsonNode?, JsonNode?, bool> same)
    {
        int IndexIn(IList<JsonNode?> list, JsonNode? item)
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (same(list[i], item))
                {
                    return i;
                }
            }

            return -1;
        }

        var patched = items.Where(item => IndexIn(order, item) >= 0).OrderBy(item => IndexIn(order, item)).ToList();
        var storedOnly = items.Where(item => IndexIn(order, item) < 0).ToList();
        var arranged = new JsonArray();
        int left = 0, right = 0;
        while (left < storedOnly.Count || right < patched.Count)
        {
            var takeStored = right >= patched.Count
                || (left < storedOnly.Count && IndexIn(stored, storedOnly[left]) is var storedIndex and >= 0
                    && IndexIn(stored, patched[right]) is var patchedIndex and >= 0
                    && storedIndex < patchedIndex);
            arranged.Add(takeStored ? storedOnly[left++] : patched[right++]);
        }

        return arranged;
    }

    /// <summary>Empties <paramref name="list"/> so its elements can move into the merged list.</summary>
    private static List<JsonNode?> Detach(JsonArray list)
    {
        var items = list.ToList();
        list.Clear();
        return items;
    }

    private static bool TryGetKey(JsonNode? element, string key, out JsonNode? value)
    {
        value = null;
        return element is JsonObject obj && obj.TryGetPropertyValue(key, out value);
    }

    private static PatchOutcome? RequireObjects(JsonArray list, string key, string whose, Location at)
    {
        var index = list.ToList().FindIndex(item => item is not JsonObject);
        return index < 0
            ? null
            : Reject(at, $"this list merges by \"{key}\", so its elements must be objects, but element {index} of the {whose} is {PatchBody.Describe(list[index])}");
    }

    private static PatchOutcome? RequirePrimitives(JsonArray list, string whose, Location at)
    {
        var index = list.ToList().FindIndex(item => item is JsonObject or JsonArray);
        return index < 0
            ? null
            : Reject(at, $"this list merges as a set of primitive values, but element {index} of the {whose} is {PatchBody.Describe(list[index])}");
    }
}

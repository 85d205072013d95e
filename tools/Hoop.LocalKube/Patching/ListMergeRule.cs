namespace Hoop.LocalKube.Patching;

/// <summary>How a strategic merge patch combines a list in the patch with the list already stored.</summary>
internal enum ListStrategy
{
    /// <summary>The patch's list replaces the stored one; Kubernetes' default for lists without a patch strategy.</summary>
    Replace,

    /// <summary>Elements are objects matched by a merge key (<c>patchStrategy:"merge" patchMergeKey:"name"</c>).</summary>
    MergeByKey,

    /// <summary>Elements are primitives merged as a set (<c>patchStrategy:"merge"</c> on a list of strings, e.g. finalizers).</summary>
    MergeAsSet,
}

/// <summary>
/// The patch strategy of one list field, the data Kubernetes keeps in <c>patchStrategy</c>/<c>patchMergeKey</c> struct tags.
/// <paramref name="Parent"/> narrows the rule to lists whose enclosing field has that JSON name (for
/// <c>spec.containers[].ports</c> it is <c>containers</c>, for a Service's <c>spec.ports</c> it is <c>spec</c>);
/// <c>null</c> makes the rule apply under any parent.
/// </summary>
internal sealed record ListMergeRule(string Field, ListStrategy Strategy, string? MergeKey = null, string? Parent = null)
{
    public static ListMergeRule ByKey(string field, string mergeKey, string? parent = null) =>
        new(field, ListStrategy.MergeByKey, mergeKey, parent);

    public static ListMergeRule AsSet(string field, string? parent = null) => new(field, ListStrategy.MergeAsSet, null, parent);

    public static ListMergeRule Replaced(string field, string? parent = null) => new(field, ListStrategy.Replace, null, parent);
}

using k8s.Models;

namespace Hoop.Operator.Reconcilers;

/// <summary>
/// metav1.Condition bookkeeping: a condition whose status did not change keeps its lastTransitionTime, so a status
/// computed again from the same world is equal to the stored one and nothing is written.
/// </summary>
internal static class ConditionList
{
    public static V1Condition Make(string type, bool status, string reason, string message, long? observedGeneration) => new()
    {
        Type = type,
        Status = status ? "True" : "False",
        Reason = reason,
        Message = message,
        ObservedGeneration = observedGeneration,
    };

    /// <summary>The desired conditions, each stamped with <paramref name="now"/> only when its status differs from the stored one.</summary>
    public static IList<V1Condition> Merge(IList<V1Condition>? existing, IEnumerable<V1Condition> desired, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(desired);
        var stamp = Truncate(now);
        var merged = new List<V1Condition>();
        foreach (var condition in desired)
        {
            var old = existing?.FirstOrDefault(c => c.Type == condition.Type);
            condition.LastTransitionTime = old is not null && old.Status == condition.Status && old.LastTransitionTime is { } kept
                ? kept.ToUniversalTime()
                : stamp;
            merged.Add(condition);
        }

        return merged;
    }

    public static V1Condition? Find(IList<V1Condition>? conditions, string type) => conditions?.FirstOrDefault(c => c.Type == type);

    /// <summary>Kubernetes serializes times to the second; comparing at that precision keeps stored and computed equal.</summary>
    public static DateTime Truncate(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
}

using Hoop.Operator.Controllers;

namespace Hoop.Operator.Reconcilers;

/// <summary>
/// Before its caches hold a first list, a reconciler would take "absent" for real: an AccessRequest would be denied
/// for want of a policy, for good. It waits instead.
/// </summary>
internal static class CacheSync
{
    public static readonly TimeSpan Retry = TimeSpan.FromSeconds(1);

    public static bool AllSynced(params ReadOnlySpan<bool> synced)
    {
        foreach (var s in synced)
        {
            if (!s)
            {
                return false;
            }
        }

        return true;
    }

    public static ReconcileResult NotYet => ReconcileResult.After(Retry);
}

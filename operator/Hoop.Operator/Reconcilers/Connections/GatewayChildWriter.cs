using Hoop.Kube.Informers;
using k8s;
using k8s.Models;

namespace Hoop.Operator.Reconcilers.Connections;

/// <summary>
/// Creates a Connection's gateway objects when absent and replaces them when their desired-state hash differs; an
/// object whose hash matches is left alone, so a converged Connection costs reads only and its children's watch stays quiet.
/// </summary>
internal sealed class GatewayChildWriter(IKubernetes client)
{
    /// <summary>Converges every child; returns how many were created or replaced.</summary>
    public async Task<int> ConvergeAsync(GatewayResources desired, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(desired);
        var core = client.CoreV1;
        var rbac = client.RbacAuthorizationV1;
        var writes = 0;
        writes += await ConvergeAsync(desired.ServiceAccount,
            (n, ns, ct) => core.ReadNamespacedServiceAccountAsync(n, ns, cancellationToken: ct),
            (o, ns, ct) => core.CreateNamespacedServiceAccountAsync(o, ns, cancellationToken: ct),
            (o, n, ns, ct) => core.ReplaceNamespacedServiceAccountAsync(o, n, ns, cancellationToken: ct),
            null, cancellationToken).ConfigureAwait(false);
        writes += await ConvergeAsync(desired.Role,
            (n, ns, ct) => rbac.ReadNamespacedRoleAsync(n, ns, cancellationToken: ct),
            (o, ns, ct) => rbac.CreateNamespacedRoleAsync(o, ns, cancellationToken: ct),
            (o, n, ns, ct) => rbac.ReplaceNamespacedRoleAsync(o, n, ns, cancellationToken: ct),
            null, cancellationToken).ConfigureAwait(false);
        writes += await ConvergeAsync(desired.RoleBinding,
            (n, ns, ct) => rbac.ReadNamespacedRoleBindingAsync(n, ns, cancellationToken: ct),
            (o, ns, ct) => rbac.CreateNamespacedRoleBindingAsync(o, ns, cancellationToken: ct),
            (o, n, ns, ct) => rbac.ReplaceNamespacedRoleBindingAsync(o, n, ns, cancellationToken: ct),
            null, cancellationToken).ConfigureAwait(false);
        writes += await ConvergeAsync(desired.ConfigMap,
            (n, ns, ct) => core.ReadNamespacedConfigMapAsync(n, ns, cancellationToken: ct),
            (o, ns, ct) => core.CreateNamespacedConfigMapAsync(o, ns, cancellationToken: ct),
            (o, n, ns, ct) => core.ReplaceNamespacedConfigMapAsync(o, n, ns, cancellationToken: ct),
            null, cancellationToken).ConfigureAwait(false);
        writes += await ConvergeAsync(desired.StatefulSet,
            (n, ns, ct) => client.AppsV1.ReadNamespacedStatefulSetAsync(n, ns, cancellationToken: ct),
            (o, ns, ct) => client.AppsV1.CreateNamespacedStatefulSetAsync(o, ns, cancellationToken: ct),
            (o, n, ns, ct) => client.AppsV1.ReplaceNamespacedStatefulSetAsync(o, n, ns, cancellationToken: ct),
            null, cancellationToken).ConfigureAwait(false);
        writes += await ConvergeAsync(desired.Service,
            (n, ns, ct) => core.ReadNamespacedServiceAsync(n, ns, cancellationToken: ct),
            (o, ns, ct) => core.CreateNamespacedServiceAsync(o, ns, cancellationToken: ct),
            (o, n, ns, ct) => core.ReplaceNamespacedServiceAsync(o, n, ns, cancellationToken: ct),
            KeepAllocatedAddresses, cancellationToken).ConfigureAwait(false);
        return writes;
    }

    /// <summary>The cluster IP is allocated by the API server and immutable: a replace must carry it over.</summary>
    private static void KeepAllocatedAddresses(V1Service desired, V1Service stored)
    {
        desired.Spec.ClusterIP = stored.Spec?.ClusterIP;
        desired.Spec.ClusterIPs = stored.Spec?.ClusterIPs;
    }

    private static async Task<int> ConvergeAsync<T>(
        T desired,
        Func<string, string, CancellationToken, Task<T>> read,
        Func<T, string, CancellationToken, Task<T>> create,
        Func<T, string, string, CancellationToken, Task<T>> replace,
        Action<T, T>? carryOver,
        CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var key = ObjectKey.Of(desired.Metadata);
        T? stored;
        try
        {
            stored = await read(key.Name, key.Namespace, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (StatusWriter.IsNotFound(e))
        {
            stored = null;
        }

        if (stored is null)
        {
            await create(desired, key.Namespace, cancellationToken).ConfigureAwait(false);
            return 1;
        }

        if (DesiredStateHash.Read(stored) == DesiredStateHash.Read(desired))
        {
            return 0;
        }

        // A copy, so the desired object stays what was hashed; the resourceVersion makes the replace conditional.
        var replacement = KubernetesJson.Deserialize<T>(KubernetesJson.Serialize(desired));
        replacement.Metadata.ResourceVersion = stored.Metadata.ResourceVersion;
        carryOver?.Invoke(replacement, stored);
        await replace(replacement, key.Name, key.Namespace, cancellationToken).ConfigureAwait(false);
        return 1;
    }
}

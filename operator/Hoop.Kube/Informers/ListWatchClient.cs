using System.Runtime.CompilerServices;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Hoop.Kube.Informers;

/// <summary>
/// The two calls an informer makes for one resource: a page of the list, and a watch from a resourceVersion.
/// Grouped resources go through the custom-objects endpoints (any group is addressable there); the core group,
/// which those endpoints cannot address, through the typed calls.
/// </summary>
internal sealed class ListWatchClient<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly Endpoint _endpoint;

    public ListWatchClient(IKubernetes client, ResourceDescriptor resource)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(resource);
        _endpoint = resource.Group.Length > 0 ? Custom(client, resource) : Core(client, resource);
    }

    private delegate Task<HttpOperationResponse<TList>> ListCall<TList>(bool? watch, string? continueToken, int? limit, string? resourceVersion, int? timeoutSeconds, CancellationToken cancellationToken);

    public Task<(IList<T> Items, V1ListMeta Metadata)> ListAsync(string? continueToken, int limit, CancellationToken cancellationToken) =>
        _endpoint.ListAsync(continueToken, limit, cancellationToken);

    /// <summary>Events after <paramref name="resourceVersion"/>, bookmarks included; a Status line (410 Expired...) goes to <paramref name="onError"/>.</summary>
    public IAsyncEnumerable<(WatchEventType Type, T Object)> WatchAsync(string resourceVersion, int timeoutSeconds, Action<Exception> onError, CancellationToken cancellationToken) =>
        _endpoint.WatchAsync(resourceVersion, timeoutSeconds, onError, cancellationToken);

    private static Endpoint<ObjectList<T>> Custom(IKubernetes client, ResourceDescriptor r) => new Endpoint<ObjectList<T>>(r.Namespace is { } ns
        ? (watch, cont, limit, rv, timeout, ct) => client.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync<ObjectList<T>>(
            r.Group, r.Version, ns, r.Plural, allowWatchBookmarks: watch, continueParameter: cont, labelSelector: r.LabelSelector, fieldSelector: r.FieldSelector,
            limit: limit, resourceVersion: rv, timeoutSeconds: timeout, watch: watch, cancellationToken: ct)
        : (watch, cont, limit, rv, timeout, ct) => client.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync<ObjectList<T>>(
            r.Group, r.Version, r.Plural, allowWatchBookmarks: watch, continueParameter: cont, labelSelector: r.LabelSelector, fieldSelector: r.FieldSelector,
            limit: limit, resourceVersion: rv, timeoutSeconds: timeout, watch: watch, cancellationToken: ct));

    private static Endpoint Core(IKubernetes client, ResourceDescriptor r)
    {
        var core = client.CoreV1;
        var ns = r.Namespace;
        var sel = r.LabelSelector;
        var fields = r.FieldSelector;
        return r.Plural switch
        {
            "configmaps" => new Endpoint<V1ConfigMapList>(ns is null
                ? (w, c, l, rv, t, ct) => core.ListConfigMapForAllNamespacesWithHttpMessagesAsync(allowWatchBookmarks: w, continueParameter: c, fieldSelector: fields, labelSelector: sel, limit: l, resourceVersion: rv, timeoutSeconds: t, watch: w, cancellationToken: ct)
                : (w, c, l, rv, t, ct) => core.ListNamespacedConfigMapWithHttpMessagesAsync(ns, allowWatchBookmarks: w, continueParameter: c, fieldSelector: fields, labelSelector: sel, limit: l, resourceVersion: rv, timeoutSeconds: t, watch: w, cancellationToken: ct)),
            "secrets" => new Endpoint<V1SecretList>(ns is null
                ? (w, c, l, rv, t, ct) => core.ListSecretForAllNamespacesWithHttpMessagesAsync(allowWatchBookmarks: w, continueParameter: c, fieldSelector: fields, labelSelector: sel, limit: l, resourceVersion: rv, timeoutSeconds: t, watch: w, cancellationToken: ct)
                : (w, c, l, rv, t, ct) => core.ListNamespacedSecretWithHttpMessagesAsync(ns, allowWatchBookmarks: w, continueParameter: c, fieldSelector: fields, labelSelector: sel, limit: l, resourceVersion: rv, timeoutSeconds: t, watch: w, cancellationToken: ct)),
            "services" => new Endpoint<V1ServiceList>(ns is null
                ? (w, c, l, rv, t, ct) => core.ListServiceForAllNamespacesWithHttpMessagesAsync(allowWatchBookmarks: w, continueParameter: c, fieldSelector: fields, labelSelector: sel, limit: l, resourceVersion: rv, timeoutSeconds: t, watch: w, cancellationToken: ct)
                : (w, c, l, rv, t, ct) => core.ListNamespacedServiceWithHttpMessagesAsync(ns, allowWatchBookmarks: w, continueParameter: c, fieldSelector: fields, labelSelector: sel, limit: l, resourceVersion: rv, timeoutSeconds: t, watch: w, cancellationToken: ct)),
            "serviceaccounts" => new Endpoint<V1ServiceAccountList>(ns is null
                ? (w, c, l, rv, t, ct) => core.ListServiceAccountForAllNamespacesWithHttpMessagesAsync(allowWatchBookmarks: w, continueParameter: c, fieldSelector: fields, labelSelector: sel, limit: l, resourceVersion: rv, timeoutSeconds: t, watch: w, cancellationToken: ct)
                : (w, c, l, rv, t, ct) => core.ListNamespacedServiceAccountWithHttpMessagesAsync(ns, allowWatchBookmarks: w, continueParameter: c, fieldSelector: fields, labelSelector: sel, limit: l, resourceVersion: rv, timeoutSeconds: t, watch: w, cancellationToken: ct)),
            _ => throw new NotSupportedException($"the core resource '{r.Plural}' has no list/watch mapping; add one to {nameof(ListWatchClient<T>)}"),
        };
    }

    private abstract class Endpoint
    {
        public abstract Task<(IList<T> Items, V1ListMeta Metadata)> ListAsync(string? continueToken, int limit, CancellationToken cancellationToken);

        public abstract IAsyncEnumerable<(WatchEventType Type, T Object)> WatchAsync(string resourceVersion, int timeoutSeconds, Action<Exception> onError, CancellationToken cancellationToken);
    }

    private sealed class Endpoint<TList>(ListCall<TList> call) : Endpoint
        where TList : IKubernetesObject<V1ListMeta>
    {
        public override async Task<(IList<T> Items, V1ListMeta Metadata)> ListAsync(string? continueToken, int limit, CancellationToken cancellationToken)
        {
            using var response = await call(null, continueToken, limit, null, null, cancellationToken).ConfigureAwait(false);
            // The list type's items are T at run time (V1ConfigMapList holds V1ConfigMap); the compiler cannot see it.
            var items = ((IItems<T>)(object)response.Body!).Items ?? [];
            return (items, response.Body.Metadata ?? new V1ListMeta());
        }

        public override async IAsyncEnumerable<(WatchEventType Type, T Object)> WatchAsync(string resourceVersion, int timeoutSeconds, Action<Exception> onError, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var response = call(true, null, null, resourceVersion, timeoutSeconds, cancellationToken);
#pragma warning disable CS0618 // Its suggested replacements are untyped for custom objects; this is the one typed watch for any kind.
            var events = response.WatchAsync<T, TList>(onError, cancellationToken);
#pragma warning restore CS0618
            await foreach (var item in events.ConfigureAwait(false))
            {
                yield return item;
            }
        }
    }
}

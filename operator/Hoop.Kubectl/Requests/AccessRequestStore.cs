using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Hoop.Api;
using Hoop.Api.V1Alpha1;
using Hoop.Kubectl.Cluster;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Hoop.Kubectl.Requests;

/// <summary>Reads and writes AccessRequests through the API, with not-found errors that name the namespace.</summary>
internal sealed class AccessRequestStore(ClusterSession session)
{
    private static readonly string Plural = ResourceKind.AccessRequest.Plural;

    public string Namespace => session.Namespace;

    public async Task<AccessRequest> GetAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return await session.Client.CustomObjects.GetNamespacedCustomObjectAsync<AccessRequest>(
                HoopApiGroup.Group, HoopApiGroup.Version, session.Namespace, Plural, name, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new UserError($"{Plural}.{HoopApiGroup.Group} \"{name}\" not found in namespace {session.Namespace}; list them with 'kubectl hoop list -n {session.Namespace}'");
        }
    }

    public async Task<HoopObjectList<AccessRequest>> ListAsync(bool allNamespaces, CancellationToken cancellationToken) => allNamespaces
        ? await session.Client.CustomObjects.ListClusterCustomObjectAsync<HoopObjectList<AccessRequest>>(
            HoopApiGroup.Group, HoopApiGroup.Version, Plural, cancellationToken: cancellationToken).ConfigureAwait(false)
        : await session.Client.CustomObjects.ListNamespacedCustomObjectAsync<HoopObjectList<AccessRequest>>(
            HoopApiGroup.Group, HoopApiGroup.Version, session.Namespace, Plural, cancellationToken: cancellationToken).ConfigureAwait(false);

    public async Task<AccessRequest> CreateAsync(AccessRequest request, CancellationToken cancellationToken) =>
        await session.Client.CustomObjects.CreateNamespacedCustomObjectAsync<AccessRequest>(
            request, HoopApiGroup.Group, HoopApiGroup.Version, session.Namespace, Plural, cancellationToken: cancellationToken).ConfigureAwait(false);

    /// <summary>Applies a JSON patch to the status subresource.</summary>
    public async Task<AccessRequest> PatchStatusAsync(string name, JsonArray patch, CancellationToken cancellationToken) =>
        await session.Client.CustomObjects.PatchNamespacedCustomObjectStatusAsync<AccessRequest>(
            new V1Patch(patch.ToJsonString(), V1Patch.PatchType.JsonPatch), HoopApiGroup.Group, HoopApiGroup.Version, session.Namespace, Plural, name,
            cancellationToken: cancellationToken).ConfigureAwait(false);

    /// <summary>Watches one request from <paramref name="resourceVersion"/> until the server ends the watch.</summary>
    public async IAsyncEnumerable<(WatchEventType Type, AccessRequest Object)> WatchAsync(
        string name, string? resourceVersion, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var events = session.Client.CustomObjects.WatchListNamespacedCustomObjectAsync(
            HoopApiGroup.Group, HoopApiGroup.Version, session.Namespace, Plural, allowWatchBookmarks: true,
            fieldSelector: $"metadata.name={name}", resourceVersion: resourceVersion, timeoutSeconds: 5, cancellationToken: cancellationToken);
        await foreach (var (type, item) in events.ConfigureAwait(false))
        {
            if (type is WatchEventType.Added or WatchEventType.Modified or WatchEventType.Deleted)
            {
                yield return (type, KubernetesJson.Deserialize<AccessRequest>(KubernetesJson.Serialize(item)));
            }
        }
    }
}

using System.Security.Cryptography;
using System.Text;
using Hoop.Api;
using k8s;
using k8s.Models;

namespace Hoop.Operator.Reconcilers.Connections;

/// <summary>
/// Stamps an object with the hash of its desired content. Comparing hashes instead of fields means the API server's
/// defaults (clusterIP, terminationMessagePath...) never look like a difference, so a converged child is never rewritten.
/// </summary>
internal static class DesiredStateHash
{
    public static T Stamp<T>(T desired)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(desired);
        desired.Metadata.Annotations?.Remove(WellKnownLabels.DesiredStateHash);
        var hash = Of(KubernetesJson.Serialize(desired));
        desired.Metadata.Annotations ??= new Dictionary<string, string>();
        desired.Metadata.Annotations[WellKnownLabels.DesiredStateHash] = hash;
        return desired;
    }

    public static string? Read(IKubernetesObject<V1ObjectMeta> stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return stored.Metadata?.Annotations?.TryGetValue(WellKnownLabels.DesiredStateHash, out var hash) == true ? hash : null;
    }

    public static string Of(string content) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)).AsSpan(0, 16));
}

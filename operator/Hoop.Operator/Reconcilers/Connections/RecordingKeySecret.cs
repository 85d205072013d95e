using System.Net;
using System.Security.Cryptography;
using Hoop.Api;
using Hoop.Api.V1Alpha1;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Hoop.Operator.Reconcilers.Connections;

/// <summary>
/// The Secret with the key that signs a gateway's replay-log checkpoints (<see cref="GatewayNames.RecordingKey"/>):
/// created once with 32 random bytes, owned by the Connection, and never rewritten — a new key would make every earlier
/// recording unverifiable. Rotating it is a deliberate act: delete the Secret, and the next key signs from then on.
/// </summary>
internal static class RecordingKeySecret
{
    public const int KeyBytes = 32;

    /// <summary>Creates the Secret when absent; true when it was created.</summary>
    public static async Task<bool> EnsureAsync(IKubernetes client, Connection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(connection);
        var metadata = GatewayResources.Metadata(connection);
        metadata.Name = GatewayNames.RecordingKey(connection.Metadata.Name);
        try
        {
            await client.CoreV1.ReadNamespacedSecretAsync(metadata.Name, metadata.NamespaceProperty, cancellationToken: cancellationToken).ConfigureAwait(false);
            return false;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
        }

        try
        {
            await client.CoreV1.CreateNamespacedSecretAsync(
                new V1Secret
                {
                    ApiVersion = "v1",
                    Kind = "Secret",
                    Metadata = metadata,
                    Type = "Opaque",
                    Data = new Dictionary<string, byte[]> { [GatewayNames.RecordingKeyField] = RandomNumberGenerator.GetBytes(KeyBytes) },
                },
                metadata.NamespaceProperty,
                cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
            // Another replica created it first: that key stands.
            return false;
        }
    }
}

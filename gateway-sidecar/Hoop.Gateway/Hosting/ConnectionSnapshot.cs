using System.Security.Cryptography;
using System.Text;
using Hoop.Api.V1Alpha1;
using Hoop.Gateway.Postgres.Backend;
using Hoop.Policy.Masking;
using Hoop.Policy.Rules;

namespace Hoop.Gateway.Hosting;

/// <summary>
/// Everything a session needs about its Connection at one moment: the Connection, its credential, the policies that
/// govern it (compiled), its masking (compiled) and the recording key. Immutable; the gateway swaps in a new one when any
/// part changes, so a statement is always judged by one consistent view.
/// </summary>
internal sealed record ConnectionSnapshot(Connection Connection, BackendCredential Credential, PolicySet Policies, MaskingEngine Masking, RecordingKey RecordingKey)
{
    /// <summary>Where the gateway logs in to the Connection's target.</summary>
    public BackendEndpoint TargetEndpoint
    {
        get
        {
            var target = Connection.Spec.Target;
            return new BackendEndpoint(target.Host, target.Port, target.Tls?.Mode ?? TlsMode.VerifyFull, null, target.Tls?.ServerName);
        }
    }

    /// <summary>
    /// The salt of the masking hash strategy: derived from the recording key, so it is secret, stable across replicas and
    /// restarts (hashed values stay joinable) and changes only when the key is rotated.
    /// </summary>
    public static byte[] MaskingSalt(RecordingKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return HMACSHA256.HashData(key.Key, Encoding.UTF8.GetBytes("hoop masking salt"));
    }
}

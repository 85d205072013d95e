namespace Hoop.Api;

/// <summary>
/// The names of what the operator creates for a Connection's gateway. The webhooks recognise a gateway by its
/// ServiceAccount, so the operator, the webhooks and the chart must all derive them here.
/// </summary>
public static class GatewayNames
{
    /// <summary>The name shared by the gateway's ServiceAccount, Role, RoleBinding, ConfigMap, StatefulSet and Service.</summary>
    public static string For(string connection) => connection + "-gateway";

    /// <summary>The Kubernetes user name the gateway's ServiceAccount authenticates as.</summary>
    public static string ServiceAccountUser(string @namespace, string connection) =>
        $"system:serviceaccount:{@namespace}:{For(connection)}";

    /// <summary>
    /// The Connection whose gateway a user name belongs to, or null when it is no gateway's ServiceAccount:
    /// <c>system:serviceaccount:payments:orders-db-gateway</c> → (payments, orders-db).
    /// </summary>
    public static (string Namespace, string Connection)? ConnectionOf(string username)
    {
        ArgumentNullException.ThrowIfNull(username);
        const string prefix = "system:serviceaccount:";
        const string suffix = "-gateway";
        if (!username.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = username.AsSpan(prefix.Length);
        var colon = rest.IndexOf(':');
        if (colon <= 0 || !rest[(colon + 1)..].EndsWith(suffix, StringComparison.Ordinal) || rest.Length - colon - 1 <= suffix.Length)
        {
            return null;
        }

        return (rest[..colon].ToString(), rest[(colon + 1)..^suffix.Length].ToString());
    }

    /// <summary>The Lease through which gateway replica <paramref name="replica"/> (its pod or host name) reports itself alive.</summary>
    public static string LivenessLease(string connection, string replica) => $"{For(connection)}-{replica}";

    /// <summary>
    /// The Secret holding the HMAC key that signs the gateway's replay-log checkpoints. The operator creates it with a random
    /// key and never rewrites it (a new key would leave older recordings unverifiable); only the gateway and auditors read it.
    /// </summary>
    public static string RecordingKey(string connection) => For(connection) + "-recording-key";

    /// <summary>The key of <see cref="RecordingKey"/>'s data that holds the HMAC key bytes.</summary>
    public const string RecordingKeyField = "hmacKey";
}

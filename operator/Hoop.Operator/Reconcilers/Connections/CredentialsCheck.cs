using System.Text;
using Hoop.Api.V1Alpha1;
using k8s.Models;

namespace Hoop.Operator.Reconcilers.Connections;

/// <summary>Whether a Connection's Secrets hold what its gateway will read, and whether its target makes sense.</summary>
internal static class CredentialsCheck
{
    private static readonly string[] SqlKeys = ["username", "password"];

    /// <summary>What is missing from the credentials Secret, as a sentence naming the Secret and the keys to add; null when complete.</summary>
    public static string? MissingKeys(Connection connection, V1Secret secret)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(secret);
        bool Has(string key) =>
            (secret.Data?.TryGetValue(key, out var bytes) == true && bytes.Length > 0)
            || (secret.StringData?.TryGetValue(key, out var text) == true && text.Length > 0);

        var missing = connection.Spec.Type switch
        {
            ConnectionType.Postgres or ConnectionType.MySql => SqlKeys.Where(k => !Has(k)).ToList(),
            ConnectionType.Ssh => (Has("username") ? [] : new List<string> { "username" })
                .Concat(Has("password") || Has("privateKey") ? [] : ["password or privateKey"]).ToList(),
            _ => Has("token") ? [] : ["token"],
        };
        return missing.Count == 0
            ? null
            : $"Secret {secret.Metadata.Name} lacks {string.Join(" and ", missing)}, which a {Type(connection)} gateway logs in with; add {(missing.Count == 1 ? "it" : "them")} to the Secret.";
    }

    /// <summary>Why the target cannot be reached as written; null when it looks sane.</summary>
    public static string? InvalidTarget(Connection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var target = connection.Spec.Target;
        var problems = new StringBuilder();
        if (string.IsNullOrWhiteSpace(target.Host))
        {
            problems.Append("spec.target.host is empty; ");
        }

        if (target.Port is < 1 or > 65535)
        {
            problems.Append(System.Globalization.CultureInfo.InvariantCulture, $"spec.target.port {target.Port} is not a TCP port; ");
        }

        if (target.Database is not null && connection.Spec.Type is not (ConnectionType.Postgres or ConnectionType.MySql))
        {
            problems.Append("spec.target.database applies only to postgres and mysql; ");
        }

        if (target.Tls is { Mode: TlsMode.Disable, CaSecretRef: not null })
        {
            problems.Append("spec.target.tls.caSecretRef has no effect when mode is Disable; ");
        }

        return problems.Length == 0 ? null : $"The target cannot be used: {problems.ToString().TrimEnd(' ', ';')}. Fix the Connection's spec.";
    }

    private static string Type(Connection connection) => StatusWriter.ToNode(connection.Spec.Type)!.GetValue<string>();
}

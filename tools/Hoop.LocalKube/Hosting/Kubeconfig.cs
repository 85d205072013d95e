using System.Text;
using Hoop.LocalKube.Authorization;

namespace Hoop.LocalKube.Hosting;

/// <summary>Writes a kubeconfig with one context per token user, all trusting the server's CA.</summary>
internal static class Kubeconfig
{
    public const string ClusterName = "localkube";

    public static string Render(string server, string caPem, IReadOnlyDictionary<string, UserInfo> tokens, string currentUser, string defaultNamespace = "default")
    {
        var ca = Convert.ToBase64String(Encoding.ASCII.GetBytes(caPem));
        var yaml = new StringBuilder();
        yaml.AppendLine("apiVersion: v1");
        yaml.AppendLine("kind: Config");
        yaml.AppendLine("clusters:");
        yaml.AppendLine("- name: " + ClusterName);
        yaml.AppendLine("  cluster:");
        yaml.AppendLine("    server: " + server);
        yaml.AppendLine("    certificate-authority-data: " + ca);
        yaml.AppendLine("contexts:");
        foreach (var user in tokens.Values.Select(u => u.Username).Distinct())
        {
            yaml.AppendLine("- name: " + Quote(ContextName(user)));
            yaml.AppendLine("  context:");
            yaml.AppendLine("    cluster: " + ClusterName);
            yaml.AppendLine("    user: " + Quote(user));
            yaml.AppendLine("    namespace: " + defaultNamespace);
        }

        yaml.AppendLine("current-context: " + Quote(ContextName(currentUser)));
        yaml.AppendLine("users:");
        foreach (var (token, user) in tokens.DistinctBy(t => t.Value.Username))
        {
            yaml.AppendLine("- name: " + Quote(user.Username));
            yaml.AppendLine("  user:");
            yaml.AppendLine("    token: " + Quote(token));
        }

        return yaml.ToString();
    }

    /// <summary>The context for a user, <c>localkube-alice</c>, so a context name says who it acts as.</summary>
    public static string ContextName(string user) => $"{ClusterName}-{user.Replace(':', '-')}";

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}

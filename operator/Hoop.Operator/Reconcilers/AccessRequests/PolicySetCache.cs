using System.Collections.Concurrent;
using Hoop.Api.V1Alpha1;
using Hoop.Policy.Rules;

namespace Hoop.Operator.Reconcilers.AccessRequests;

/// <summary>
/// Compiled policy sets per Connection, reused while neither the Connection nor any policy of its namespace changed,
/// so thousands of pending requests on one Connection compile its policies once.
/// </summary>
internal sealed class PolicySetCache
{
    private readonly ConcurrentDictionary<(string Namespace, string Connection), (string Version, PolicySet Set)> _sets = new();

    public PolicySet For(Connection connection, IReadOnlyList<ApprovalPolicy> namespacePolicies)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(namespacePolicies);
        var key = (connection.Metadata.NamespaceProperty ?? "", connection.Metadata.Name);
        var version = string.Join(',', namespacePolicies
            .Select(p => $"{p.Metadata.Name}@{p.Metadata.ResourceVersion ?? p.Metadata.Generation?.ToString(System.Globalization.CultureInfo.InvariantCulture)}")
            .Order(StringComparer.Ordinal)
            .Prepend($"{connection.Metadata.Uid}@{connection.Metadata.ResourceVersion}"));
        if (_sets.TryGetValue(key, out var cached) && cached.Version == version)
        {
            return cached.Set;
        }

        var labels = connection.Metadata.Labels is { } l ? new Dictionary<string, string>(l) : [];
        var set = PolicySet.For(connection.Metadata.Name, labels, namespacePolicies);
        _sets[key] = (version, set);
        return set;
    }
}

namespace Hoop.Testing.Kubernetes;

/// <summary>The RBAC of a real installation, for the tests users (<see cref="TestUsers"/>) in namespace payments.</summary>
public static class TestRbac
{
    /// <summary>
    /// An approver role bound to dba-leads; alice, dba-leads and two gateways' ServiceAccounts may create requests; every
    /// authenticated user may patch status, so only the webhook stands in the way. Kept in a YAML file the benchmarks share.
    /// </summary>
    public static string Yaml { get; } = File.ReadAllText(RepositoryFiles.PathOf("tests/Hoop.Testing/Kubernetes/test-rbac.yaml"));
}

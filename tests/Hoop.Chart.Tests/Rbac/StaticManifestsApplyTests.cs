using Hoop.Testing.Kubernetes;

namespace Hoop.Chart.Tests.Rbac;

public sealed class StaticManifestsApplyTests(LocalKubeFixture fixture) : IClassFixture<LocalKubeFixture>
{
    [Fact]
    public async Task The_chart_crds_and_rbac_roles_apply_cleanly_and_again_unchanged()
    {
        using var cluster = new ChartOnLocalKube(fixture);

        (await cluster.ApplyStaticManifestsAsync()).Succeeded();
        var again = (await cluster.ApplyStaticManifestsAsync()).Succeeded().Output;

        Assert.Contains("customresourcedefinition.apiextensions.k8s.io/accessrequests.hoop.dev unchanged", again, StringComparison.Ordinal);
        Assert.Contains("clusterrole.rbac.authorization.k8s.io/hoop-approver unchanged", again, StringComparison.Ordinal);
        var roles = (await cluster.Admin.RunAsync("get", "clusterroles", "-o", "name")).Succeeded().Output;
        foreach (var role in new[] { "hoop-viewer", "hoop-requester", "hoop-reviewer", "hoop-approver", "hoop-admin", "hoop-operator", "hoop-gateway" })
        {
            Assert.Contains($"clusterrole.rbac.authorization.k8s.io/{role}\n", roles + "\n", StringComparison.Ordinal);
        }
    }
}

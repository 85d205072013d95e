using System.Text.Json.Nodes;

namespace Hoop.Chart.Tests.Helm;

public sealed class HelmTemplateTests
{
    private static string Kind(JsonObject o) => o["kind"]!.GetValue<string>();

    private static string Name(JsonObject o) => o["metadata"]!["name"]!.GetValue<string>();

    [Fact]
    public async Task The_default_render_holds_the_operator_its_rbac_and_the_admission_policy()
    {
        var objects = await HelmTemplate.RenderAsync("1.31.0");

        Assert.All(objects, o => Assert.NotNull(o["metadata"]?["annotations"]?["argocd.argoproj.io/sync-wave"]));
        Assert.Contains(objects, o => Kind(o) == "Deployment" && Name(o) == "hoop-operator");
        Assert.Contains(objects, o => Kind(o) == "Service" && Name(o) == "hoop-operator-webhook");
        Assert.Contains(objects, o => Kind(o) == "ValidatingAdmissionPolicy");
        Assert.Equal(["hoop-admin", "hoop-approver", "hoop-gateway", "hoop-operator", "hoop-requester", "hoop-reviewer", "hoop-viewer"],
            objects.Where(o => Kind(o) == "ClusterRole").Select(Name).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(objects, o => Kind(o) == "CustomResourceDefinition");
    }

    [Fact]
    public async Task Before_kubernetes_1_30_there_is_no_admission_policy()
    {
        var objects = await HelmTemplate.RenderAsync("1.29.0");

        Assert.DoesNotContain(objects, o => Kind(o).StartsWith("ValidatingAdmissionPolicy", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_replicas_elect_a_leader()
    {
        var objects = await HelmTemplate.RenderAsync("1.31.0", "operator.replicas=2");

        var args = objects.Single(o => Kind(o) == "Deployment")["spec"]!["template"]!["spec"]!["containers"]![0]!["args"]!.AsArray();
        Assert.Contains(args, a => a!.GetValue<string>() == "--leader-elect");
    }

    [Fact]
    public async Task Crds_as_templates_come_first_and_are_kept()
    {
        var objects = await HelmTemplate.RenderAsync("1.31.0", "crds.install=true");

        var crds = objects.Where(o => Kind(o) == "CustomResourceDefinition").ToList();
        Assert.Equal(3, crds.Count);
        Assert.All(crds, c => Assert.Equal("keep", c["metadata"]!["annotations"]!["helm.sh/resource-policy"]!.GetValue<string>()));
        Assert.All(crds, c => Assert.Equal("-10", c["metadata"]!["annotations"]!["argocd.argoproj.io/sync-wave"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Cert_manager_issues_the_secret_the_operator_reads()
    {
        var objects = await HelmTemplate.RenderAsync("1.31.0", "certManager.enabled=true");

        var certificate = objects.Single(o => Kind(o) == "Certificate" && Name(o) == "hoop-operator-webhook");
        Assert.Equal("hoop-operator-webhook-tls", certificate["spec"]!["secretName"]!.GetValue<string>());
    }
}

using System.Text.Json.Nodes;

namespace Hoop.Chart.Tests.Templates;

/// <summary>What the operator Deployment template writes literally (its skeleton; see <see cref="TemplateSkeleton"/>).</summary>
public sealed class OperatorDeploymentTests
{
    private static JsonObject Deployment() => Assert.Single(TemplateSkeleton.Objects(ChartFiles.Read("templates/deployment.yaml")));

    private static JsonNode Container() => Deployment()["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Single()!;

    private static List<string> Strings(JsonNode? node) => [.. node!.AsArray().Select(n => n!.GetValue<string>())];

    [Fact]
    public void The_operator_runs_unprivileged_on_a_read_only_root()
    {
        var pod = Deployment()["spec"]!["template"]!["spec"]!;
        var container = Container()["securityContext"]!;

        Assert.True(pod["securityContext"]!["runAsNonRoot"]!.GetValue<bool>());
        Assert.Equal("RuntimeDefault", pod["securityContext"]!["seccompProfile"]!["type"]!.GetValue<string>());
        Assert.True(container["runAsNonRoot"]!.GetValue<bool>());
        Assert.True(container["readOnlyRootFilesystem"]!.GetValue<bool>());
        Assert.False(container["allowPrivilegeEscalation"]!.GetValue<bool>());
        Assert.Equal(["ALL"], Strings(container["capabilities"]!["drop"]));
        Assert.Equal("RuntimeDefault", container["seccompProfile"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void Probes_ask_the_operators_health_port()
    {
        var container = Container();

        Assert.Equal(("/healthz", "health"), (container["livenessProbe"]!["httpGet"]!["path"]!.GetValue<string>(), container["livenessProbe"]!["httpGet"]!["port"]!.GetValue<string>()));
        Assert.Equal(("/readyz", "health"), (container["readinessProbe"]!["httpGet"]!["path"]!.GetValue<string>(), container["readinessProbe"]!["httpGet"]!["port"]!.GetValue<string>()));
        Assert.Equal(["webhook", "metrics", "health"], container["ports"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()));
    }

    [Fact]
    public void The_operator_gets_its_listen_addresses_gateway_image_and_namespace_from_the_chart()
    {
        var container = Container();
        var args = Strings(container["args"]);

        foreach (var flag in new[] { "--webhook-listen=", "--metrics-listen=", "--health-listen=", "--gateway-image=", "--namespace=" })
        {
            Assert.Contains(args, a => a.StartsWith(flag, StringComparison.Ordinal));
        }

        Assert.Contains("--leader-elect", args);
        Assert.Contains("{{- if eq (include \"hoop.leaderElect\" .) \"true\" }}\n        - --leader-elect", ChartFiles.Read("templates/deployment.yaml"), StringComparison.Ordinal);
        Assert.Contains(container["env"]!.AsArray(), e => e!["name"]!.GetValue<string>() == "POD_NAMESPACE"
            && e["valueFrom"]!["fieldRef"]!["fieldPath"]!.GetValue<string>() == "metadata.namespace");
    }

    [Fact]
    public void The_webhook_service_has_the_name_and_port_the_operator_registers()
    {
        // AdmissionWebhookOptions: ServiceName hoop-operator-webhook, ServicePort 443, in the operator's namespace.
        var service = Assert.Single(TemplateSkeleton.Objects(ChartFiles.Read("templates/webhook-service.yaml")));

        Assert.Equal("hoop-operator-webhook", service["metadata"]!["name"]!.GetValue<string>());
        var port = service["spec"]!["ports"]!.AsArray().Single()!;
        Assert.Equal((443, "webhook"), (port["port"]!.GetValue<long>(), port["targetPort"]!.GetValue<string>()));
    }
}

using Hoop.Testing.Kubernetes;

namespace Hoop.Chart.Tests.Rbac;

/// <summary>
/// The hoop-gateway ClusterRole bound as templates/gateway-rbac.yaml binds it, to the ServiceAccount group of the
/// namespaces in gateway.tokenReview.namespaces, asked with a real ServiceAccount token.
/// </summary>
public sealed class GatewayTokenReviewAccessTests(LocalKubeFixture fixture) : IClassFixture<LocalKubeFixture>
{
    [Fact]
    public async Task Gateways_in_a_listed_namespace_may_create_token_reviews_and_others_may_not()
    {
        using var cluster = new ChartOnLocalKube(fixture);
        (await cluster.ApplyStaticManifestsAsync()).Succeeded();
        var listed = await cluster.NamespaceAsync();
        var other = await cluster.NamespaceAsync();
        await cluster.ApplyAsync($$"""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: hoop-gateway-{{listed}}}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: hoop-gateway}
            subjects:
            - {apiGroup: rbac.authorization.k8s.io, kind: Group, name: "system:serviceaccounts:{{listed}}"}
            ---
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: orders-db-gateway, namespace: {{listed}}}
            ---
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: orders-db-gateway, namespace: {{other}}}
            """);

        Assert.True(await CanCreateTokenReviewsAsync(cluster, listed));
        Assert.False(await CanCreateTokenReviewsAsync(cluster, other));
    }

    private static async Task<bool> CanCreateTokenReviewsAsync(ChartOnLocalKube cluster, string ns)
    {
        var token = (await cluster.Admin.RunAsync("create", "token", "orders-db-gateway", "-n", ns)).Succeeded().Output.Trim();
        var answer = await cluster.Admin.RunAsync("--token", token, "auth", "can-i", "create", "tokenreviews.authentication.k8s.io");
        return (answer.Output.Trim(), answer.ExitCode) switch
        {
            ("yes", 0) => true,
            ("no", 1) => false,
            _ => throw new InvalidOperationException($"kubectl auth can-i exited {answer.ExitCode}: {answer.Output}{answer.Error}"),
        };
    }
}

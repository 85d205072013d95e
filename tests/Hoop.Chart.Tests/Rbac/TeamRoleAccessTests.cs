using Hoop.Testing.Kubernetes;

namespace Hoop.Chart.Tests.Rbac;

/// <summary>What the team roles let people do, as <c>kubectl auth can-i</c> reports it from the API server's RBAC.</summary>
public sealed class TeamRoleAccessTests(LocalKubeFixture fixture) : IClassFixture<LocalKubeFixture>
{
    [Fact]
    public async Task A_requester_can_create_access_requests_but_not_approve_or_review()
    {
        using var cluster = new ChartOnLocalKube(fixture);
        (await cluster.ApplyStaticManifestsAsync()).Succeeded();
        var ns = await cluster.NamespaceAsync();
        await cluster.BindAsync(ns, TestUsers.Alice, "hoop-requester");

        Assert.True(await cluster.CanAsync(TestUsers.Alice, ns, "create", "accessrequests.hoop.dev"));
        Assert.True(await cluster.CanAsync(TestUsers.Alice, ns, "get", "connections.hoop.dev"));
        Assert.False(await cluster.CanAsync(TestUsers.Alice, ns, "approve", "approvalpolicies.hoop.dev/production"));
        Assert.False(await cluster.CanAsync(TestUsers.Alice, ns, "patch", "accessrequests.hoop.dev", "--subresource=status"));
        Assert.False(await cluster.CanAsync(TestUsers.Alice, ns, "create", "approvalpolicies.hoop.dev"));
    }

    [Fact]
    public async Task An_approver_bound_for_one_policy_can_approve_that_policy_and_no_other()
    {
        using var cluster = new ChartOnLocalKube(fixture);
        (await cluster.ApplyStaticManifestsAsync()).Succeeded();
        var ns = await cluster.NamespaceAsync();
        // As docs/security.md says and the chart's `approvers` value writes: hoop-reviewer, plus `approve` on one policy by name.
        await cluster.ApplyAsync($$"""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: hoop-approver-production, namespace: {{ns}}}
            rules:
            - apiGroups: [hoop.dev]
              resources: [approvalpolicies]
              resourceNames: [production]
              verbs: [approve]
            """);
        await cluster.BindAsync(ns, TestUsers.Bob, "hoop-approver-production", "Role");
        await cluster.BindAsync(ns, TestUsers.Bob, "hoop-reviewer");

        Assert.True(await cluster.CanAsync(TestUsers.Bob, ns, "approve", "approvalpolicies.hoop.dev/production"));
        Assert.False(await cluster.CanAsync(TestUsers.Bob, ns, "approve", "approvalpolicies.hoop.dev/other"));
        Assert.True(await cluster.CanAsync(TestUsers.Bob, ns, "patch", "accessrequests.hoop.dev", "--subresource=status"));
        Assert.False(await cluster.CanAsync(TestUsers.Bob, ns, "create", "accessrequests.hoop.dev"));
    }

    [Fact]
    public async Task Hoop_approver_bound_in_a_namespace_approves_any_policy_there_and_none_elsewhere()
    {
        using var cluster = new ChartOnLocalKube(fixture);
        (await cluster.ApplyStaticManifestsAsync()).Succeeded();
        var ns = await cluster.NamespaceAsync();
        var elsewhere = await cluster.NamespaceAsync();
        await cluster.BindAsync(ns, TestUsers.Carol, "hoop-approver");

        Assert.True(await cluster.CanAsync(TestUsers.Carol, ns, "approve", "approvalpolicies.hoop.dev/production"));
        Assert.True(await cluster.CanAsync(TestUsers.Carol, ns, "approve", "approvalpolicies.hoop.dev/other"));
        Assert.True(await cluster.CanAsync(TestUsers.Carol, ns, "patch", "accessrequests.hoop.dev", "--subresource=status"));
        Assert.False(await cluster.CanAsync(TestUsers.Carol, elsewhere, "approve", "approvalpolicies.hoop.dev/production"));
    }

    [Fact]
    public async Task The_viewer_role_joins_a_role_that_aggregates_view_and_grants_reading_only()
    {
        using var cluster = new ChartOnLocalKube(fixture);
        (await cluster.ApplyStaticManifestsAsync()).Succeeded();
        var ns = await cluster.NamespaceAsync();
        // LocalKube has no bootstrap roles; this one selects like Kubernetes' built-in view role does.
        var view = $"view-{ns}";
        await cluster.ApplyAsync($$"""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: {{view}}}
            aggregationRule:
              clusterRoleSelectors:
              - matchLabels: {rbac.authorization.k8s.io/aggregate-to-view: "true"}
            rules: []
            """);
        await cluster.BindAsync(ns, TestUsers.Dave, view);

        Assert.True(await cluster.CanAsync(TestUsers.Dave, ns, "list", "accessrequests.hoop.dev"));
        Assert.True(await cluster.CanAsync(TestUsers.Dave, ns, "watch", "connections.hoop.dev"));
        Assert.False(await cluster.CanAsync(TestUsers.Dave, ns, "create", "accessrequests.hoop.dev"));
        Assert.False(await cluster.CanAsync(TestUsers.Dave, ns, "approve", "approvalpolicies.hoop.dev/production"));
    }
}

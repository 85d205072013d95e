using System.Text.Json.Nodes;
using Hoop.Api;
using Hoop.Api.V1Alpha1;
using Hoop.Kube.Informers;
using Hoop.Operator.Reconcilers.Policies;
using Hoop.Testing.Kubernetes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Hoop.Operator.Tests.Reconcilers;

public sealed class ApprovalPolicyReconcilerTests(LocalKubeFixture fixture) : IClassFixture<LocalKubeFixture>
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    private async Task<ApprovalPolicy> ReconcileAsync(LocalKubeWorld world, string name = "production")
    {
        await world.RefreshAsync(_ct);
        var reconciler = new ApprovalPolicyReconciler(world.Policies, world.Connections, world.Client, _time, NullLogger<ApprovalPolicyReconciler>.Instance);
        await reconciler.ReconcileAsync(new ObjectKey(world.Namespace, name), _ct);
        return await world.GetAsync<ApprovalPolicy>(ResourceKind.ApprovalPolicy, name, _ct);
    }

    [Fact]
    public async Task A_valid_policy_reports_its_rules_and_the_connections_it_governs()
    {
        using var world = await LocalKubeWorld.CreateAsync(fixture, _ct);
        await world.ApplySampleAsync("hoop.dev_v1alpha1_connection_orders-db.yaml", cancellationToken: _ct);
        await world.ApplySampleAsync("hoop.dev_v1alpha1_connection_billing-db.yaml", cancellationToken: _ct);
        await world.ApplySampleAsync("hoop.dev_v1alpha1_connection_orders-db.yaml", m =>
        {
            m["metadata"]!["name"] = "staging-db";
            m["metadata"]!["labels"] = new JsonObject { ["hoop.dev/environment"] = "staging" };
        }, _ct);
        await world.ApplySampleAsync("hoop.dev_v1alpha1_approvalpolicy_production.yaml", cancellationToken: _ct);

        var policy = await ReconcileAsync(world);

        Assert.Equal(8, policy.Status!.RuleCount);
        Assert.Equal(["billing-db", "orders-db"], policy.Status.MatchedConnections);
        Assert.Equal(2, policy.Status.MatchedConnectionCount);
        var ready = policy.Status.Conditions!.Single(c => c.Type == ConditionTypes.Ready);
        Assert.Equal(("True", ConditionReasons.Valid), (ready.Status, ready.Reason));
        Assert.Equal(1, policy.Status.ObservedGeneration);

        var again = await ReconcileAsync(world);
        Assert.Equal(policy.Metadata.ResourceVersion, again.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task A_broken_policy_is_degraded_with_its_problems_named()
    {
        using var world = await LocalKubeWorld.CreateAsync(fixture, _ct);
        await world.ApplySampleAsync("hoop.dev_v1alpha1_approvalpolicy_production.yaml", m =>
        {
            var rules = m["spec"]!["rules"]!.AsArray();
            rules[0]!["match"]!["sql"]!["patterns"] = new JsonArray("(unclosed");
            rules[1]!["match"]!["sql"]!["tables"] = new JsonArray("[oops");
        }, _ct);

        var policy = await ReconcileAsync(world);

        var degraded = policy.Status!.Conditions!.Single(c => c.Type == ConditionTypes.Degraded);
        Assert.Equal(("True", ConditionReasons.InvalidRules), (degraded.Status, degraded.Reason));
        Assert.Contains("spec.rules[0].match.sql.patterns[0]", degraded.Message, StringComparison.Ordinal);
        Assert.Contains("spec.rules[1].match.sql.tables[0]", degraded.Message, StringComparison.Ordinal);
        Assert.Equal(("False", ConditionReasons.InvalidRules), (policy.Status.Conditions!.Single(c => c.Type == ConditionTypes.Ready).Status, policy.Status.Conditions!.Single(c => c.Type == ConditionTypes.Ready).Reason));
    }

    [Fact]
    public void Many_problems_are_summarized_with_a_count_of_the_rest()
    {
        var problems = Enumerable.Range(0, 5).Select(i => new Hoop.Policy.Rules.PolicyProblem($"spec.rules[{i}].name", "bad")).ToList();
        var message = ApprovalPolicyReconciler.Describe(problems);
        Assert.Contains("spec.rules[2].name: bad", message, StringComparison.Ordinal);
        Assert.DoesNotContain("spec.rules[3].name", message, StringComparison.Ordinal);
        Assert.Contains("and 2 more", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_connection_maps_to_every_policy_of_its_namespace()
    {
        var policies = new FixedObjectCache<ApprovalPolicy>([TestObjects.Production(), OtherNamespace()]);
        var keys = ApprovalPolicyReconciler.KeysFor(TestObjects.OrdersDb(), policies).ToList();
        Assert.Equal([new ObjectKey("payments", "production")], keys);

        static ApprovalPolicy OtherNamespace()
        {
            var policy = TestObjects.Production();
            policy.Metadata.NamespaceProperty = "elsewhere";
            return policy;
        }
    }
}

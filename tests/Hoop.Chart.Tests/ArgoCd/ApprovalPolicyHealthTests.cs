namespace Hoop.Chart.Tests.ArgoCd;

public sealed class ApprovalPolicyHealthTests
{
    private const string Sample = "hoop.dev_v1alpha1_approvalpolicy_production.yaml";

    [Fact]
    public async Task Compiled_rules_are_healthy()
    {
        var policy = HealthCheckObjects.WithConditions(HealthCheckObjects.Sample(Sample), 1, 1,
            ("Ready", "True", "Valid"), ("Progressing", "False", "Valid"), ("Degraded", "False", "Valid"));

        Assert.Equal("Healthy", (await LuaHealthCheck.EvaluateAsync("ApprovalPolicy", policy)).Status);
    }

    [Fact]
    public async Task Invalid_rules_are_degraded_with_the_operators_explanation()
    {
        var policy = HealthCheckObjects.WithConditions(HealthCheckObjects.Sample(Sample), 1, 1,
            ("Ready", "False", "InvalidRules"), ("Progressing", "False", "InvalidRules"), ("Degraded", "True", "InvalidRules"));

        var status = await LuaHealthCheck.EvaluateAsync("ApprovalPolicy", policy);

        Assert.Equal(("Degraded", "Degraded is True because InvalidRules."), (status.Status, status.Message));
    }

    [Fact]
    public async Task A_policy_not_yet_validated_is_progressing()
    {
        Assert.Equal("Progressing", (await LuaHealthCheck.EvaluateAsync("ApprovalPolicy", HealthCheckObjects.Sample(Sample))).Status);
        var stale = HealthCheckObjects.WithConditions(HealthCheckObjects.Sample(Sample), 4, 3, ("Ready", "True", "Valid"));
        Assert.Equal("Progressing", (await LuaHealthCheck.EvaluateAsync("ApprovalPolicy", stale)).Status);
    }
}

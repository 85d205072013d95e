namespace Hoop.Chart.Tests.ArgoCd;

public sealed class ConnectionHealthTests
{
    private const string Sample = "hoop.dev_v1alpha1_connection_orders-db.yaml";

    [Fact]
    public async Task A_serving_gateway_is_healthy()
    {
        var connection = HealthCheckObjects.WithConditions(HealthCheckObjects.Sample(Sample), 2, 2,
            ("Ready", "True", "Available"), ("Progressing", "False", "Available"), ("Degraded", "False", "Available"));

        var status = await LuaHealthCheck.EvaluateAsync("Connection", connection);

        Assert.Equal(("Healthy", "Ready is True because Available."), (status.Status, status.Message));
    }

    [Fact]
    public async Task A_missing_secret_is_degraded()
    {
        var connection = HealthCheckObjects.WithConditions(HealthCheckObjects.Sample(Sample), 1, 1,
            ("Ready", "False", "SecretNotFound"), ("Progressing", "False", "SecretNotFound"), ("Degraded", "True", "SecretNotFound"));

        var status = await LuaHealthCheck.EvaluateAsync("Connection", connection);

        Assert.Equal(("Degraded", "Degraded is True because SecretNotFound."), (status.Status, status.Message));
    }

    [Fact]
    public async Task A_gateway_still_starting_is_progressing()
    {
        var connection = HealthCheckObjects.WithConditions(HealthCheckObjects.Sample(Sample), 1, 1,
            ("Ready", "False", "GatewayUnavailable"), ("Progressing", "True", "GatewayUnavailable"), ("Degraded", "False", "GatewayUnavailable"));

        Assert.Equal("Progressing", (await LuaHealthCheck.EvaluateAsync("Connection", connection)).Status);
    }

    [Fact]
    public async Task A_ready_status_for_an_older_generation_is_progressing()
    {
        var connection = HealthCheckObjects.WithConditions(HealthCheckObjects.Sample(Sample), 3, 2, ("Ready", "True", "Available"));

        Assert.Equal("Progressing", (await LuaHealthCheck.EvaluateAsync("Connection", connection)).Status);
    }

    [Fact]
    public async Task A_connection_without_status_is_progressing()
    {
        Assert.Equal("Progressing", (await LuaHealthCheck.EvaluateAsync("Connection", HealthCheckObjects.Sample(Sample))).Status);
    }
}

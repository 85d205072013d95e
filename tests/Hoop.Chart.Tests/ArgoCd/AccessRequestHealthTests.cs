using System.Text.Json.Nodes;

namespace Hoop.Chart.Tests.ArgoCd;

public sealed class AccessRequestHealthTests
{
    private static JsonObject Request() => HealthCheckObjects.Sample("hoop.dev_v1alpha1_accessrequest_add-shipped-at.yaml");

    [Theory]
    [InlineData("Pending", "Progressing")]
    [InlineData("Approved", "Progressing")]
    [InlineData("Executing", "Progressing")]
    [InlineData("Succeeded", "Healthy")]
    [InlineData("Denied", "Degraded")]
    [InlineData("Expired", "Degraded")]
    [InlineData("Failed", "Degraded")]
    [InlineData("Cancelled", "Degraded")]
    public async Task Each_phase_maps_to_its_argo_cd_health(string phase, string health)
    {
        var request = Request();
        request["status"] = new JsonObject { ["phase"] = phase, ["approvals"] = "1/2", ["reviews"] = new JsonArray() };

        var status = await LuaHealthCheck.EvaluateAsync("AccessRequest", request);

        Assert.Equal(health, status.Status);
    }

    [Fact]
    public async Task A_request_the_operator_has_not_looked_at_yet_is_progressing()
    {
        var status = await LuaHealthCheck.EvaluateAsync("AccessRequest", Request());

        Assert.Equal("Progressing", status.Status);
    }

    [Fact]
    public async Task A_failed_execution_shows_the_gateways_error()
    {
        var request = Request();
        request["status"] = new JsonObject { ["phase"] = "Failed", ["execution"] = new JsonObject { ["error"] = "relation \"orders\" does not exist" } };

        var status = await LuaHealthCheck.EvaluateAsync("AccessRequest", request);

        Assert.Equal(("Degraded", "Failed: relation \"orders\" does not exist"), (status.Status, status.Message));
    }

    [Fact]
    public async Task A_pending_request_says_how_many_approvals_it_has()
    {
        var request = Request();
        request["status"] = new JsonObject { ["phase"] = "Pending", ["approvals"] = "1/2" };

        var status = await LuaHealthCheck.EvaluateAsync("AccessRequest", request);

        Assert.Equal("Waiting for approval (1/2 approvals).", status.Message);
    }
}

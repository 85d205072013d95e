using System.Text.Json.Nodes;
using Hoop.Api;
using k8s;
using k8s.Models;

namespace Hoop.Kubectl.Tests.Plugin;

/// <summary>
/// Plays the orders-db gateway where a request must run, since no gateway runs in these tests: logged in as the
/// gateway's own ServiceAccount, it moves an approved request Executing then Succeeded or Failed, as the gateway does
/// (and as the webhook lets only a gateway do).
/// </summary>
internal sealed class GatewayStandIn(PluginWorld world) : IDisposable
{
    private readonly Kubernetes _client = new(KubernetesClientConfiguration.BuildConfigFromConfigFile(world.GatewayKubeconfig()));

    public async Task RunAsync(string name, long rowsAffected, string? error = null)
    {
        var now = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        await PatchAsync(name, new JsonArray(
            new JsonObject { ["op"] = "test", ["path"] = "/status/phase", ["value"] = "Approved" },
            new JsonObject { ["op"] = "replace", ["path"] = "/status/phase", ["value"] = "Executing" },
            new JsonObject { ["op"] = "add", ["path"] = "/status/execution", ["value"] = new JsonObject { ["executedBy"] = "gw-0", ["startedAt"] = now } }));
        var execution = new JsonObject { ["executedBy"] = "gw-0", ["startedAt"] = now, ["finishedAt"] = now };
        if (error is null)
        {
            execution["rowsAffected"] = rowsAffected;
            execution["recording"] = new JsonObject { ["session"] = "s-test-1", ["file"] = "s-test-1.jsonl" };
        }
        else
        {
            execution["error"] = error;
        }

        await PatchAsync(name, new JsonArray(
            new JsonObject { ["op"] = "replace", ["path"] = "/status/phase", ["value"] = error is null ? "Succeeded" : "Failed" },
            new JsonObject { ["op"] = "replace", ["path"] = "/status/execution", ["value"] = execution }));
    }

    private async Task PatchAsync(string name, JsonArray patch) =>
        await
        _client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
            new V1Patch(patch.ToJsonString(), V1Patch.PatchType.JsonPatch), HoopApiGroup.Group, HoopApiGroup.Version, PluginWorld.Namespace,
            ResourceKind.AccessRequest.Plural, name, cancellationToken: TestContext.Current.CancellationToken);

    public void Dispose() => _client.Dispose();
}

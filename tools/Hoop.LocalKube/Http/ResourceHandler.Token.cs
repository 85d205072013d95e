using System.Text.Json.Nodes;
using Hoop.LocalKube.Api;
using Microsoft.AspNetCore.Http;

namespace Hoop.LocalKube.Http;

internal sealed partial class ResourceHandler
{
    /// <summary>TokenRequest (<c>kubectl create token</c>): a signed, expiring token for an existing ServiceAccount.</summary>
    private async Task CreateTokenAsync(HttpContext context, ResourceType type, ApiRequestPath path)
    {
        var account = Load(type, path);
        var body = await JsonResponses.ReadBodyAsync(context).ConfigureAwait(false);
        var request = JsonResponses.MediaType(context.Request.ContentType) == "application/vnd.kubernetes.protobuf"
            ? ProtobufBodies.Decode(body)
            : body.Length == 0 ? [] : JsonResponses.ParseObject(body);
        var spec = (request["spec"] as JsonObject)?.DeepClone().AsObject() ?? [];
        var audiences = spec["audiences"]?.AsArray().Select(a => a!.GetValue<string>()).ToList() is { Count: > 0 } requested
            ? requested
            : [.. Authentication.ServiceAccountTokens.DefaultAudiences];
        var seconds = spec["expirationSeconds"].AsInt64() ?? 3600;
        if (seconds < 600)
        {
            throw ApiStatus.Invalid("TokenRequest", "authentication.k8s.io", path.Name!, ["spec.expirationSeconds: Invalid value: " + seconds + ": may not specify a duration less than 10 minutes"]);
        }

        var token = tokens.Issue(path.Namespace!, path.Name!, ObjectMetadata.Of(account)["uid"]!.GetValue<string>(), audiences, TimeSpan.FromSeconds(seconds), out var expires);
        spec["audiences"] = new JsonArray([.. audiences.Select(a => (JsonNode)a)]);
        spec["expirationSeconds"] = seconds;
        var answer = new JsonObject
        {
            ["kind"] = "TokenRequest",
            ["apiVersion"] = "authentication.k8s.io/v1",
            ["metadata"] = new JsonObject { ["name"] = path.Name, ["namespace"] = path.Namespace, ["creationTimestamp"] = null },
            ["spec"] = spec,
            ["status"] = new JsonObject { ["token"] = token, ["expirationTimestamp"] = ObjectMetadata.Timestamp(expires) },
        };
        await JsonResponses.WriteAsync(context, 201, answer).ConfigureAwait(false);
    }
}

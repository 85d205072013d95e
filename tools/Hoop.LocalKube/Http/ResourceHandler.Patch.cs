using System.Text.Json.Nodes;
using Hoop.LocalKube.Api;
using Hoop.LocalKube.Patching;
using Hoop.LocalKube.Storage;
using Microsoft.AspNetCore.Http;

namespace Hoop.LocalKube.Http;

internal sealed partial class ResourceHandler
{
    private const string CustomPatchTypes = "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml";
    private const string BuiltinPatchTypes = "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json";

    /// <summary>
    /// JSON patch, merge patch, strategic merge patch (built-ins only: 415 for custom resources, as the API server
    /// answers) and server-side apply. A patch carrying metadata.resourceVersion is a conditional write.
    /// </summary>
    private async Task PatchAsync(HttpContext context, ResourceType type, ApiRequestPath path, Authorization.UserInfo user)
    {
        var kind = PatchKinds.FromContentType(context.Request.ContentType ?? "");
        if (kind is null || (kind == PatchKind.StrategicMergePatch && type.IsCustom))
        {
            throw ApiStatus.UnsupportedMediaType($"the body of the request was in an unknown format - accepted media types include: {(type.IsCustom ? CustomPatchTypes : BuiltinPatchTypes)}");
        }

        var body = await JsonResponses.ReadBodyAsync(context).ConfigureAwait(false);
        if (kind == PatchKind.ApplyPatch)
        {
            await ApplyAsync(context, type, path, user, body).ConfigureAwait(false);
            return;
        }

        var current = Load(type, path);
        var patched = ApplyPatch(kind.Value, type, current, body);
        if (ObjectMetadata.Of(patched)["name"]?.GetValue<string>() != path.Name)
        {
            throw ApiStatus.BadRequest("metadata.name: the name of a patched object cannot change");
        }

        var expected = ObjectStore.ResourceVersion(patched);
        var stored = await WriteAsync(context, type, path, user, current, patched, expected ?? ObjectStore.ResourceVersion(current)).ConfigureAwait(false);
        await JsonResponses.WriteAsync(context, 200, WithTypeMeta(type, stored)).ConfigureAwait(false);
    }

    private static JsonObject ApplyPatch(PatchKind kind, ResourceType type, JsonObject current, byte[] body)
    {
        var text = System.Text.Encoding.UTF8.GetString(body);
        var outcome = kind switch
        {
            PatchKind.JsonPatch => JsonPatch.Apply(current, text),
            PatchKind.MergePatch => MergePatch.Apply(current, text),
            _ => StrategicMergePatch.Apply(current, text),
        };

        if (!outcome.Succeeded)
        {
            throw outcome.Failure == PatchFailure.MalformedPatch ? ApiStatus.BadRequest(outcome.Error) : new ApiStatus(422, "Invalid", outcome.Error);
        }

        return outcome.Result as JsonObject ?? throw ApiStatus.BadRequest($"the patched {type.Kind} is not a JSON object");
    }
}

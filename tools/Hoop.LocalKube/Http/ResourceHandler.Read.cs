using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Hoop.LocalKube.Api;
using Hoop.LocalKube.Selectors;
using Hoop.LocalKube.Storage;
using Microsoft.AspNetCore.Http;

namespace Hoop.LocalKube.Http;

internal sealed partial class ResourceHandler
{
    private static readonly HashSet<string> CommonFields = ["metadata.name", "metadata.namespace"];
    private static readonly HashSet<string> PodFields = ["metadata.name", "metadata.namespace", "status.phase", "spec.nodeName"];

    private async Task GetAsync(HttpContext context, ResourceType type, ApiRequestPath path)
    {
        var obj = WithTypeMeta(type, Load(type, path));
        if (TableRenderer.Wanted(context.Request.Headers.Accept))
        {
            await JsonResponses.WriteAsync(context, 200, TableRenderer.Render(type, [obj], store.CurrentResourceVersion, Now)).ConfigureAwait(false);
            return;
        }

        await JsonResponses.WriteAsync(context, 200, obj).ConfigureAwait(false);
    }

    private async Task ListAsync(HttpContext context, ResourceType type, ApiRequestPath path)
    {
        var query = context.Request.Query;
        var filter = Filter(type, query["labelSelector"], query["fieldSelector"]);
        var (items, listVersion) = store.List(type.StorageKey, path.Namespace);
        items = [.. items.Where(filter)];

        var limit = int.TryParse(query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var l) && l > 0 ? l : int.MaxValue;
        var after = "";
        if (query["continue"] is { Count: > 0 } token && token[0] is { Length: > 0 } continueToken)
        {
            (listVersion, after) = ReadContinue(continueToken);
        }

        var page = items.Where(i => string.CompareOrdinal(ObjectStore.Key(ObjectStore.Namespace(i), ObjectStore.Name(i)), after) > 0).ToList();
        string? next = null;
        if (page.Count > limit)
        {
            page = page[..limit];
            var last = page[^1];
            next = WriteContinue(listVersion, ObjectStore.Key(ObjectStore.Namespace(last), ObjectStore.Name(last)));
        }

        var listVersionText = listVersion.ToString(CultureInfo.InvariantCulture);
        if (TableRenderer.Wanted(context.Request.Headers.Accept))
        {
            var table = TableRenderer.Render(type, [.. page.Select(type.FromStorage)], listVersion, Now);
            if (next is not null)
            {
                table["metadata"]!["continue"] = next;
            }

            await JsonResponses.WriteAsync(context, 200, table).ConfigureAwait(false);
            return;
        }

        var metadata = new JsonObject { ["resourceVersion"] = listVersionText };
        if (next is not null)
        {
            metadata["continue"] = next;
            metadata["remainingItemCount"] = items.Count - page.Count - items.Count(i => string.CompareOrdinal(ObjectStore.Key(ObjectStore.Namespace(i), ObjectStore.Name(i)), after) <= 0);
        }

        await JsonResponses.WriteListAsync(context, type.Kind + "List", type.ApiVersion, metadata, page.Select(type.FromStorage)).ConfigureAwait(false);
    }

    /// <summary>The label and field selectors of a list or watch, as one predicate; 400 when either does not parse.</summary>
    private static Func<JsonObject, bool> Filter(ResourceType type, string? labelSelector, string? fieldSelector)
    {
        if (!LabelSelector.TryParse(labelSelector, out var labels, out var labelError))
        {
            throw ApiStatus.BadRequest(labelError);
        }

        if (!FieldSelector.TryParse(fieldSelector, out var fields, out var fieldError))
        {
            throw ApiStatus.BadRequest(fieldError);
        }

        if (!fields.TryValidateFields(type.Resource == "pods" ? PodFields : CommonFields, out var unsupported))
        {
            throw ApiStatus.BadRequest(unsupported);
        }

        return obj => labels.Matches(Labels(obj)) && fields.Matches(field => FieldValue(obj, field));
    }

    private static Dictionary<string, string> Labels(JsonObject obj) =>
        obj["metadata"]?["labels"]?.AsObject().ToDictionary(e => e.Key, e => e.Value?.GetValue<string>() ?? "") ?? [];

    private static string? FieldValue(JsonObject obj, string field)
    {
        JsonNode? node = obj;
        foreach (var part in field.Split('.'))
        {
            node = node?[part];
        }

        return node?.GetValue<string>() ?? (field == "metadata.namespace" ? "" : null);
    }

    private static string WriteContinue(long listVersion, string afterKey) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(new JsonObject { ["rv"] = listVersion, ["start"] = afterKey }.ToJsonString()));

    private (long ListVersion, string After) ReadContinue(string token)
    {
        JsonNode? decoded;
        try
        {
            decoded = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(token)));
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
        {
            throw ApiStatus.BadRequest("continue key is not valid: illegal base64 data or JSON");
        }

        var listVersion = decoded?["rv"].AsInt64() ?? throw ApiStatus.BadRequest("continue key is not valid: missing resource version");
        if (listVersion < store.OldestResumableVersion)
        {
            throw ApiStatus.Expired("The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.");
        }

        return (listVersion, decoded["start"]?.GetValue<string>() ?? "");
    }
}

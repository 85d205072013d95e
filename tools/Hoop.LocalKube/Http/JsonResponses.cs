using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Hoop.LocalKube.Http;

/// <summary>Writes JSON bodies the way the API server does: compact, UTF-8, <c>application/json</c>.</summary>
internal static class JsonResponses
{
    public static async Task WriteAsync(HttpContext context, int statusCode, JsonNode body, string contentType = "application/json")
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = contentType;
        // Straight onto the response: a list of thousands of objects never becomes one big string.
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter);
        body.WriteTo(writer);
        await writer.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes a list whose items are stored objects, streaming each one as it is: they are never copied or attached
    /// to a new tree, so listing ten thousand objects costs no more memory than the objects themselves.
    /// </summary>
    public static async Task WriteListAsync(HttpContext context, string kind, string apiVersion, JsonObject metadata, IEnumerable<JsonObject> items)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter);
        writer.WriteStartObject();
        writer.WriteString("kind", kind);
        writer.WriteString("apiVersion", apiVersion);
        writer.WritePropertyName("metadata");
        metadata.WriteTo(writer);
        writer.WriteStartArray("items");
        foreach (var item in items)
        {
            item.WriteTo(writer);
            if (writer.BytesPending > 64 * 1024)
            {
                await writer.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Reads a request body of at most 3 MiB (the API server's limit) as a JSON object.</summary>
    public static async Task<byte[]> ReadBodyAsync(HttpContext context)
    {
        const int limit = 3 * 1024 * 1024;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                // Read the rest (Kestrel caps it) so the client gets this answer rather than a broken connection.
                while (await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false) > 0)
                {
                }

                throw new ApiStatus(413, "RequestEntityTooLarge", "Request entity too large: limit is 3145728");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    public static JsonObject ParseObject(byte[] body)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(body);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw ApiStatus.BadRequest($"the body of the request could not be decoded as JSON: {e.Message}");
        }

        return node as JsonObject ?? throw ApiStatus.BadRequest("the body of the request must be a JSON object");
    }

    /// <summary>The media type without parameters, lower case (<c>application/json; charset=utf-8</c> → <c>application/json</c>).</summary>
    public static string MediaType(string? contentType) =>
        (contentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
}

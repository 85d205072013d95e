using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Hoop.LocalKube.Api;
using Hoop.LocalKube.Storage;
using Microsoft.AspNetCore.Http;

namespace Hoop.LocalKube.Http;

internal sealed partial class ResourceHandler
{
    /// <summary>How often a watch that allows bookmarks gets one; the API server sends them about every minute.</summary>
    internal static TimeSpan BookmarkInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A watch stream: one JSON event per line. From a resourceVersion: the logged events after it, then live ones;
    /// without one (or "0"): ADDED for what exists now. Too old: a single 410 ERROR event. Objects entering or leaving
    /// the selectors appear as ADDED or DELETED, as the API server's watch cache reports them.
    /// </summary>
    private async Task WatchAsync(HttpContext context, ResourceType type, ApiRequestPath path)
    {
        var query = context.Request.Query;
        var filter = Filter(type, query["labelSelector"], query["fieldSelector"]);
        var bookmarks = IsTrue(query["allowWatchBookmarks"]);
        long? from = query["resourceVersion"].ToString() is { Length: > 0 } rv and not "0"
            ? long.TryParse(rv, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : throw ApiStatus.BadRequest($"resourceVersion: Invalid value: \"{rv}\": must be a number")
            : null;
        var timeout = int.TryParse(query["timeoutSeconds"], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.FromMinutes(30);

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        using var subscription = store.Subscribe(type.StorageKey, from);
        if (subscription is null)
        {
            var expired = new JsonObject
            {
                ["type"] = "ERROR",
                ["object"] = ApiStatus.Failure(410, "Expired", $"too old resource version: {from} ({store.OldestResumableVersion})"),
            };
            await WriteLineAsync(context, expired).ConfigureAwait(false);
            return;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        stop.CancelAfter(timeout);
        var lastVersion = from ?? subscription.StartedAt;
        try
        {
            if (bookmarks)
            {
                // Sent at once as well, so a client that waits for the first line never waits on a quiet resource.
                await WriteLineAsync(context, Bookmark(type, lastVersion)).ConfigureAwait(false);
            }

            await context.Response.Body.FlushAsync(stop.Token).ConfigureAwait(false);
            var nextBookmark = Now + BookmarkInterval;
            while (!stop.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
                if (bookmarks)
                {
                    var untilBookmark = nextBookmark - Now;
                    wait.CancelAfter(untilBookmark > TimeSpan.Zero ? untilBookmark : TimeSpan.Zero);
                }

                WatchEvent change;
                try
                {
                    change = await subscription.Reader.ReadAsync(wait.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!stop.IsCancellationRequested)
                {
                    await WriteLineAsync(context, Bookmark(type, lastVersion)).ConfigureAwait(false);
                    await context.Response.Body.FlushAsync(stop.Token).ConfigureAwait(false);
                    nextBookmark = Now + BookmarkInterval;
                    continue;
                }

                lastVersion = Math.Max(lastVersion, change.ResourceVersion);
                if (Translate(change, path.Namespace, filter) is { } eventType)
                {
                    // A DELETED for an object leaving the selection carries its new state, as the API server's does.
                    await WriteLineAsync(context, new JsonObject { ["type"] = eventType, ["object"] = WithTypeMeta(type, change.Object.DeepClone().AsObject()) }).ConfigureAwait(false);
                    if (subscription.Reader.Count == 0)
                    {
                        await context.Response.Body.FlushAsync(stop.Token).ConfigureAwait(false);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        if (bookmarks && !context.RequestAborted.IsCancellationRequested)
        {
            // The timeout ends the stream; a last bookmark lets the client resume exactly here.
            await WriteLineAsync(context, Bookmark(type, lastVersion)).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The event type a client with these filters sees: a modification that makes an object match is ADDED for it,
    /// one that makes it stop matching is DELETED; null when the change is invisible to it.
    /// </summary>
    private static string? Translate(WatchEvent change, string? ns, Func<JsonObject, bool> filter)
    {
        if (ns is not null && ObjectStore.Namespace(change.Object) != ns)
        {
            return null;
        }

        var matches = filter(change.Object);
        if (change.Type != WatchEvent.Modified)
        {
            return matches ? change.Type : null;
        }

        var matched = change.Previous is not null && filter(change.Previous);
        return (matched, matches) switch
        {
            (true, true) => WatchEvent.Modified,
            (false, true) => WatchEvent.Added,
            (true, false) => WatchEvent.Deleted,
            _ => null,
        };
    }

    private static JsonObject Bookmark(ResourceType type, long version) => new()
    {
        ["type"] = "BOOKMARK",
        ["object"] = new JsonObject
        {
            ["kind"] = type.Kind,
            ["apiVersion"] = type.ApiVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = version.ToString(CultureInfo.InvariantCulture) },
        },
    };

    private static async Task WriteLineAsync(HttpContext context, JsonObject line)
    {
        var bytes = Encoding.UTF8.GetBytes(line.ToJsonString() + "\n");
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }
}

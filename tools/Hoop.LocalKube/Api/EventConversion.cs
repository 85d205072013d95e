using System.Text.Json.Nodes;

namespace Hoop.LocalKube.Api;

/// <summary>
/// Core <c>v1</c> Events and <c>events.k8s.io/v1</c> Events are one store, as in the API server: events.k8s.io objects
/// are kept in the core form and converted on the way in and out (<c>regarding</c>↔<c>involvedObject</c>,
/// <c>note</c>↔<c>message</c>, <c>reportingController</c>↔<c>reportingComponent</c>, the deprecated timestamps and count).
/// </summary>
internal static class EventConversion
{
    private static readonly (string EventsV1, string Core)[] Renamed =
    [
        ("regarding", "involvedObject"),
        ("note", "message"),
        ("reportingController", "reportingComponent"),
        ("deprecatedSource", "source"),
        ("deprecatedFirstTimestamp", "firstTimestamp"),
        ("deprecatedLastTimestamp", "lastTimestamp"),
        ("deprecatedCount", "count"),
    ];

    public static JsonObject ToCore(JsonObject eventsV1) => Rename(eventsV1, toCore: true, "v1");

    public static JsonObject FromCore(JsonObject core) => Rename(core, toCore: false, "events.k8s.io/v1");

    private static JsonObject Rename(JsonObject source, bool toCore, string apiVersion)
    {
        var result = new JsonObject();
        foreach (var (key, value) in source)
        {
            var renamed = Renamed.FirstOrDefault(r => (toCore ? r.EventsV1 : r.Core) == key);
            result[renamed == default ? key : toCore ? renamed.Core : renamed.EventsV1] = value?.DeepClone();
        }

        result["apiVersion"] = apiVersion;
        result["kind"] = "Event";
        return result;
    }
}

using System.Text.Json.Nodes;

namespace Hoop.LocalKube.Storage;

/// <summary>
/// One change to one object, as watch streams carry it, with the state before a modification so that filtered watches
/// can tell an object entering or leaving their selection. Objects are never mutated after publication.
/// </summary>
internal sealed record WatchEvent(string Type, string StorageKey, long ResourceVersion, JsonObject Object, JsonObject? Previous = null)
{
    public const string Added = "ADDED";
    public const string Modified = "MODIFIED";
    public const string Deleted = "DELETED";
}

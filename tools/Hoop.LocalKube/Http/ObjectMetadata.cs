using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Hoop.LocalKube.Http;

/// <summary>The metadata rules the API server applies to every object it stores.</summary>
internal static partial class ObjectMetadata
{
    public static JsonObject Of(JsonObject obj)
    {
        if (obj["metadata"] is not JsonObject metadata)
        {
            metadata = [];
            obj["metadata"] = metadata;
        }

        return metadata;
    }

    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string NewUid() => Guid.NewGuid().ToString();

    /// <summary>The 5 random characters the API server appends to generateName.</summary>
    public static string RandomSuffix()
    {
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        return string.Create(5, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
            }
        });
    }

    /// <summary>Errors for a name that is not an RFC 1123 subdomain (what most resources require).</summary>
    public static IEnumerable<string> NameErrors(string name)
    {
        if (name.Length > 253)
        {
            yield return $"metadata.name: Invalid value: \"{name}\": must be no more than 253 characters";
        }
        else if (!Subdomain().IsMatch(name))
        {
            yield return $"metadata.name: Invalid value: \"{name}\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
        }
    }

    public static IReadOnlyList<string> Finalizers(JsonObject obj) =>
        [.. Of(obj)["finalizers"]?.AsArray().Select(f => f!.GetValue<string>()) ?? []];

    public static bool IsBeingDeleted(JsonObject obj) => Of(obj)["deletionTimestamp"] is not null;

    /// <summary>Everything but metadata and status, to tell whether a write changed the spec (and so the generation).</summary>
    public static JsonObject Essence(JsonObject obj)
    {
        var essence = new JsonObject();
        foreach (var (key, value) in obj)
        {
            if (key is not ("metadata" or "status" or "apiVersion" or "kind"))
            {
                essence[key] = value?.DeepClone();
            }
        }

        return essence;
    }

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();
}

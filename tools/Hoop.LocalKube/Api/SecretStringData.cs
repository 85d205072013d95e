using System.Text;
using System.Text.Json.Nodes;

namespace Hoop.LocalKube.Api;

/// <summary>
/// A Secret's <c>stringData</c> is write-only, as in the real API server: its entries are merged into <c>data</c>
/// (base64 of their UTF-8), winning over the same keys there, and the field itself is never stored.
/// </summary>
internal static class SecretStringData
{
    public static JsonObject MergeIntoData(JsonObject secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (secret["stringData"] is not JsonObject strings)
        {
            return secret;
        }

        var data = secret["data"] as JsonObject ?? [];
        foreach (var (key, value) in strings)
        {
            data[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(value?.GetValue<string>() ?? ""));
        }

        secret.Remove("stringData");
        secret.Remove("data");
        secret["data"] = data.Parent is null ? data : data.DeepClone();
        return secret;
    }
}

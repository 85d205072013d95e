using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Hoop.LocalKube.Authorization;

using Hoop.LocalKube.Http;

namespace Hoop.LocalKube.Authentication;

/// <summary>
/// Issues and checks ServiceAccount tokens: JWTs signed with HMAC-SHA256 under a key only this server holds, with
/// the claims kube-apiserver puts in bound tokens (<c>iss</c>, <c>sub</c>, <c>aud</c>, <c>exp</c>, <c>kubernetes.io</c>).
/// </summary>
internal sealed class ServiceAccountTokens(byte[] signingKey, TimeProvider time)
{
    public const string Issuer = "https://kubernetes.default.svc.cluster.local";

    public static IReadOnlyList<string> DefaultAudiences { get; } = [Issuer];

    public string Issue(string ns, string name, string uid, IReadOnlyList<string> audiences, TimeSpan lifetime, out DateTimeOffset expires)
    {
        var now = time.GetUtcNow();
        expires = now + lifetime;
        var header = Encode(new JsonObject { ["alg"] = "HS256", ["typ"] = "JWT" });
        var payload = Encode(new JsonObject
        {
            ["iss"] = Issuer,
            ["sub"] = $"system:serviceaccount:{ns}:{name}",
            ["aud"] = new JsonArray([.. audiences.Select(a => (JsonNode)a)]),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = expires.ToUnixTimeSeconds(),
            ["kubernetes.io"] = new JsonObject
            {
                ["namespace"] = ns,
                ["serviceaccount"] = new JsonObject { ["name"] = name, ["uid"] = uid },
            },
        });
        return $"{header}.{payload}.{Sign($"{header}.{payload}")}";
    }

    /// <summary>The token's user when it is ours, unexpired and issued for one of <paramref name="audiences"/>; else null.</summary>
    public UserInfo? Authenticate(string token, IReadOnlyList<string>? audiences = null)
    {
        var parts = token.Split('.');
        if (parts.Length != 3 || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign($"{parts[0]}.{parts[1]}")), Encoding.ASCII.GetBytes(parts[2])))
        {
            return null;
        }

        JsonObject claims;
        try
        {
            claims = JsonNode.Parse(Base64UrlDecode(parts[1]))!.AsObject();
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or InvalidOperationException)
        {
            return null;
        }

        if (claims["exp"].AsInt64() is not { } exp || time.GetUtcNow().ToUnixTimeSeconds() >= exp)
        {
            return null;
        }

        var tokenAudiences = claims["aud"]?.AsArray().Select(a => a!.GetValue<string>()).ToList() ?? [];
        if (!(audiences ?? DefaultAudiences).Any(tokenAudiences.Contains))
        {
            return null;
        }

        var k8s = claims["kubernetes.io"]!;
        var ns = k8s["namespace"]!.GetValue<string>();
        return UserInfo.Authenticated(
            claims["sub"]!.GetValue<string>(),
            k8s["serviceaccount"]!["uid"]!.GetValue<string>(),
            ["system:serviceaccounts", $"system:serviceaccounts:{ns}", "system:authenticated"]);
    }

    private string Sign(string data) => Base64UrlEncode(HMACSHA256.HashData(signingKey, Encoding.ASCII.GetBytes(data)));

    private static string Encode(JsonObject obj) => Base64UrlEncode(Encoding.UTF8.GetBytes(obj.ToJsonString()));

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Base64UrlDecode(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - (padded.Length % 4)) % 4);
        return Encoding.UTF8.GetString(Convert.FromBase64String(padded));
    }
}

using Microsoft.IdentityModel.JsonWebTokens;

namespace Hoop.Gateway.Authentication;

/// <summary>
/// Reads a JWT's header and claims without checking its signature: only to route a token to its verifier or to
/// shorten a cache lifetime, never to trust who it names.
/// </summary>
internal static class UnverifiedJwt
{
    private static readonly JsonWebTokenHandler Handler = new();

    /// <summary>The signed JWT <paramref name="token"/> is, or null for anything else (opaque tokens, encrypted JWTs).</summary>
    public static JsonWebToken? TryRead(string token)
    {
        if (!Handler.CanReadToken(token))
        {
            return null;
        }

        try
        {
            var jwt = Handler.ReadJsonWebToken(token);
            return jwt.IsEncrypted ? null : jwt;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>The token's <c>exp</c> when it is a JWT that carries one.</summary>
    public static DateTimeOffset? ExpiryOf(string token) =>
        TryRead(token) is { } jwt && jwt.TryGetPayloadValue<long>("exp", out var exp)
            ? DateTimeOffset.FromUnixTimeSeconds(exp)
            : null;
}

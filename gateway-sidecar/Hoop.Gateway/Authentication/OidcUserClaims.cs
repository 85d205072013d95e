using System.Text.Json;
using Hoop.Api.V1Alpha1;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Hoop.Gateway.Authentication;

/// <summary>
/// The user a verified ID token names: the configured username claim, the groups claim (a list of strings or one
/// string), both behind the configured prefix.
/// </summary>
internal static class OidcUserClaims
{
    public static AuthenticationOutcome UserOf(JsonWebToken verified, OidcAuthentication settings)
    {
        using var payload = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(verified.EncodedPayload));
        var claims = payload.RootElement;
        if (!claims.TryGetProperty(settings.UsernameClaim, out var name) || name.ValueKind != JsonValueKind.String || name.GetString() is not { Length: > 0 } username)
        {
            return AuthenticationOutcome.Failed($"the token has no '{settings.UsernameClaim}' claim to name the user; ask the issuer's administrator to include it");
        }

        // As the Kubernetes API server does: an email is a name only if the issuer has not said it is unverified.
        if (settings.UsernameClaim == "email" && claims.TryGetProperty("email_verified", out var verifiedEmail) && verifiedEmail.ValueKind == JsonValueKind.False)
        {
            return AuthenticationOutcome.Failed("the token's email is not verified by the issuer; verify it there and sign in again");
        }

        var groups = new List<string>();
        if (claims.TryGetProperty(settings.GroupsClaim, out var groupsClaim))
        {
            switch (groupsClaim.ValueKind)
            {
                case JsonValueKind.String:
                    groups.Add(groupsClaim.GetString()!);
                    break;
                case JsonValueKind.Array when groupsClaim.EnumerateArray().All(g => g.ValueKind == JsonValueKind.String):
                    groups.AddRange(groupsClaim.EnumerateArray().Select(g => g.GetString()!));
                    break;
                case JsonValueKind.Null:
                    break;
                default:
                    return AuthenticationOutcome.Failed($"the token's '{settings.GroupsClaim}' claim is neither a string nor a list of strings");
            }
        }

        var prefix = settings.Prefix ?? "";
        return AuthenticationOutcome.Success(new EndUser(
            prefix + username,
            verified.Subject is { Length: > 0 } subject ? subject : null,
            [.. groups.Select(g => prefix + g)],
            OidcAuthenticator.Method));
    }
}

using Hoop.LocalKube.Authorization;

namespace Hoop.LocalKube.Authentication;

/// <summary>Bearer token authentication: the static token file first, then ServiceAccount tokens this server issued.</summary>
internal sealed class Authenticator(IReadOnlyDictionary<string, UserInfo> staticTokens, ServiceAccountTokens serviceAccountTokens)
{
    public ServiceAccountTokens ServiceAccountTokens { get; } = serviceAccountTokens;

    public UserInfo? Authenticate(string? token, IReadOnlyList<string>? audiences = null)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        return staticTokens.TryGetValue(token, out var user) ? user : ServiceAccountTokens.Authenticate(token, audiences);
    }

    /// <summary>The user behind an <c>Authorization: Bearer ...</c> header, or null.</summary>
    public UserInfo? AuthenticateHeader(string? authorization) =>
        authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? Authenticate(authorization["Bearer ".Length..].Trim())
            : null;
}

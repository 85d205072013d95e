using Hoop.Api.V1Alpha1;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Hoop.Gateway.Authentication;

/// <summary>
/// Verifies an OIDC ID token against one issuer's published keys: asymmetric signature, <c>iss</c>, <c>aud</c>,
/// <c>exp</c> (required) and <c>nbf</c>, with 30 s of clock skew on the injected clock. The issuer unreachable refuses the login.
/// </summary>
internal sealed class OidcAuthenticator : IEndUserAuthenticator
{
    public const string Method = "oidc";

    // Asymmetric only: accepting HS* would let anyone who has the public key (everyone) sign tokens.
    private static readonly string[] AcceptedAlgorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384,
    ];

    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    private readonly OidcAuthentication _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly OidcSigningKeys _keys;
    private readonly JsonWebTokenHandler _handler = new();

    public OidcAuthenticator(OidcAuthentication settings, HttpClient http, TimeProvider time, ILogger logger)
    {
        _settings = settings;
        _time = time;
        _logger = logger;
        _keys = new OidcSigningKeys(settings.Issuer, http, time, logger);
    }

    public async ValueTask<AuthenticationOutcome> AuthenticateAsync(string token, CancellationToken cancellationToken)
    {
        var outcome = await VerifyAsync(token, cancellationToken).ConfigureAwait(false);
        if (outcome.Succeeded)
        {
            AuthenticationLog.Authenticated(_logger, outcome.User.Name, Method);
        }
        else
        {
            AuthenticationLog.Refused(_logger, outcome.Failure);
        }

        return outcome;
    }

    private async ValueTask<AuthenticationOutcome> VerifyAsync(string token, CancellationToken cancellationToken)
    {
        if (UnverifiedJwt.TryRead(token) is not { } unverified)
        {
            return AuthenticationOutcome.Failed("the token is not a JWT, so it cannot be an ID token from the configured issuer");
        }

        if (!AcceptedAlgorithms.Contains(unverified.Alg, StringComparer.Ordinal))
        {
            return AuthenticationOutcome.Failed("the token's signing algorithm is not accepted; only asymmetric signatures (RS256/384/512, PS256, ES256/384) are");
        }

        var kid = string.IsNullOrEmpty(unverified.Kid) ? null : unverified.Kid;
        if (await _keys.CurrentAsync(kid, cancellationToken).ConfigureAwait(false) is not { } keys)
        {
            return AuthenticationOutcome.Failed("the token could not be verified: the issuer's signing keys could not be fetched; try again later");
        }

        var candidates = kid is null ? keys : [.. keys.Where(k => k.KeyId == kid)];
        if (candidates.Count == 0)
        {
            return AuthenticationOutcome.Failed("the token is signed by a key the issuer does not publish; sign in again to get a fresh token");
        }

        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = _settings.Issuer,
            ValidAudience = _settings.Audience,
            IssuerSigningKeys = candidates,
            ValidAlgorithms = AcceptedAlgorithms,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            RequireAudience = true,
            // Lifetime is checked below, on the injected clock.
            ValidateLifetime = false,
        }).ConfigureAwait(false);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken verified)
        {
            return AuthenticationOutcome.Failed(ReasonFor(result.Exception));
        }

        return LifetimeFailure(verified) is { } lifetimeFailure
            ? AuthenticationOutcome.Failed(lifetimeFailure)
            : OidcUserClaims.UserOf(verified, _settings);
    }

    private string? LifetimeFailure(JsonWebToken verified)
    {
        var now = _time.GetUtcNow();
        if (!verified.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Exp, out var exp))
        {
            return "the token has no expiry (exp), and tokens that never expire are not accepted";
        }

        if (DateTimeOffset.FromUnixTimeSeconds(exp) + ClockSkew <= now)
        {
            return "the token has expired; sign in again to get a fresh one";
        }

        return verified.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Nbf, out var nbf) && DateTimeOffset.FromUnixTimeSeconds(nbf) - ClockSkew > now
            ? "the token is not valid yet; check that the clocks agree, or wait a moment"
            : null;
    }

    private static string ReasonFor(Exception? error) => error switch
    {
        SecurityTokenInvalidAudienceException => "the token was not issued for this gateway (audience); sign in with the client id this connection names",
        SecurityTokenInvalidIssuerException => "the token was not issued by the configured issuer",
        SecurityTokenInvalidAlgorithmException => "the token's signing algorithm is not accepted; only asymmetric signatures are",
        SecurityTokenInvalidSignatureException => "the token's signature does not verify against the issuer's keys",
        SecurityTokenMalformedException => "the token is not a well-formed JWT",
        _ => "the token could not be verified",
    };
}

using System.Text;
using Hoop.Api.V1Alpha1;
using k8s;
using Microsoft.Extensions.Logging;

namespace Hoop.Gateway.Authentication;

/// <summary>
/// The methods a Connection accepts, as one authenticator: a JWT whose <c>iss</c> is the configured OIDC issuer goes
/// to OIDC, anything else to the TokenReview when Kubernetes tokens are accepted. Empty or oversized tokens are refused
/// before any network call.
/// </summary>
internal sealed class EndUserAuthenticator(string? oidcIssuer, IEndUserAuthenticator? oidc, IEndUserAuthenticator? kubernetes, ILogger logger)
    : IEndUserAuthenticator
{
    public const int MaxTokenBytes = 16 * 1024;

    public static EndUserAuthenticator For(ConnectionAuthentication settings, IKubernetes client, HttpClient? oidcHttp, TimeProvider time, ILogger logger)
    {
        var oidc = settings.Oidc is { } oidcSettings
            ? new OidcAuthenticator(oidcSettings, oidcHttp ?? throw new ArgumentNullException(nameof(oidcHttp), "OIDC authentication needs an HttpClient"), time, logger)
            : null;
        var kubernetes = settings.Kubernetes is { } kubernetesSettings
            ? new TokenReviewAuthenticator(client, kubernetesSettings.Audiences?.ToList(), time, logger)
            : null;
        return new EndUserAuthenticator(settings.Oidc?.Issuer, oidc, kubernetes, logger);
    }

    public ValueTask<AuthenticationOutcome> AuthenticateAsync(string token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return Refuse("no token was given; put a bearer token in the password field");
        }

        if (token.Length > MaxTokenBytes || Encoding.UTF8.GetByteCount(token) > MaxTokenBytes)
        {
            return Refuse("the token is longer than 16 KiB, which no accepted token is; check what was put in the password field");
        }

        if (oidc is not null && UnverifiedJwt.TryRead(token)?.Issuer == oidcIssuer)
        {
            return oidc.AuthenticateAsync(token, cancellationToken);
        }

        return kubernetes is not null
            ? kubernetes.AuthenticateAsync(token, cancellationToken)
            : Refuse("the token is not an ID token from this connection's OIDC issuer, and the connection accepts no other tokens");
    }

    private ValueTask<AuthenticationOutcome> Refuse(string reason)
    {
        AuthenticationLog.Refused(logger, reason);
        return ValueTask.FromResult(AuthenticationOutcome.Failed(reason));
    }
}

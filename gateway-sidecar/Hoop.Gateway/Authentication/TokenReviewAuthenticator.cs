using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Hoop.Gateway.Authentication;

/// <summary>
/// Asks the API server who a Kubernetes token belongs to (an <c>authentication.k8s.io/v1</c> TokenReview). Any error
/// or timeout refuses the login; successes are cached briefly under the token's hash.
/// </summary>
internal sealed class TokenReviewAuthenticator(
    IKubernetes client,
    IReadOnlyList<string>? audiences,
    TimeProvider time,
    ILogger logger) : IEndUserAuthenticator
{
    public const string Method = "kubernetes";

    private static readonly TimeSpan ReviewTimeout = TimeSpan.FromSeconds(10);

    private readonly AuthenticatedTokenCache _cache = new(time, TimeSpan.FromSeconds(30), capacity: 4096);
    private readonly IReadOnlyList<string>? _audiences = audiences is { Count: > 0 } ? audiences : null;

    public async ValueTask<AuthenticationOutcome> AuthenticateAsync(string token, CancellationToken cancellationToken)
    {
        if (_cache.Find(token) is { } cached)
        {
            AuthenticationLog.CacheHit(logger, cached.Name);
            return AuthenticationOutcome.Success(cached);
        }

        var review = new V1TokenReview
        {
            ApiVersion = "authentication.k8s.io/v1",
            Kind = "TokenReview",
            Spec = new V1TokenReviewSpec { Token = token, Audiences = _audiences?.ToList() },
        };
        V1TokenReview answer;
        using (var timeout = new CancellationTokenSource(ReviewTimeout, time))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token))
        {
            try
            {
                answer = await client.AuthenticationV1.CreateTokenReviewAsync(review, cancellationToken: linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                AuthenticationLog.TokenReviewFailed(logger, "Timeout", $"no answer within {ReviewTimeout.TotalSeconds} s");
                return AuthenticationOutcome.Failed("the token could not be verified: the API server did not answer in time; try again later");
            }
            catch (HttpOperationException e)
            {
                AuthenticationLog.TokenReviewFailed(logger, nameof(HttpOperationException), $"HTTP {(int)e.Response.StatusCode}");
                return AuthenticationOutcome.Failed($"the token could not be verified: the API server refused the review (HTTP {(int)e.Response.StatusCode}); ask an administrator to check the gateway's credentials and its permission to create tokenreviews");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                AuthenticationLog.TokenReviewFailed(logger, e.GetType().Name, FailureText.Scrub(e.Message, token) ?? "detail withheld");
                return AuthenticationOutcome.Failed("the token could not be verified: the API server did not answer; try again later");
            }
        }

        return Judge(answer.Status, token);
    }

    private AuthenticationOutcome Judge(V1TokenReviewStatus? status, string token)
    {
        if (status?.Authenticated != true || status.User?.Username is not { Length: > 0 } username)
        {
            var reason = FailureText.Scrub(status?.Error, token) is { } error
                ? $"the API server did not accept the token ({error}); get a fresh token and try again"
                : "the API server did not accept the token; get a fresh token and try again";
            AuthenticationLog.Refused(logger, reason);
            return AuthenticationOutcome.Failed(reason);
        }

        // An audience-aware API server names the audiences it checked; an empty list means the token is good for the
        // API server only, which is not us.
        if (_audiences is not null && !(status.Audiences ?? []).Any(_audiences.Contains))
        {
            const string reason = "the token was not issued for this gateway (audience); request a token for one of the gateway's audiences";
            AuthenticationLog.Refused(logger, reason);
            return AuthenticationOutcome.Failed(reason);
        }

        var user = new EndUser(username, status.User.Uid, [.. status.User.Groups ?? []], Method);
        _cache.Add(token, user, UnverifiedJwt.ExpiryOf(token));
        AuthenticationLog.Authenticated(logger, user.Name, Method);
        return AuthenticationOutcome.Success(user);
    }
}

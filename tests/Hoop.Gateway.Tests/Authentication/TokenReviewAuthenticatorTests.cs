using Hoop.Gateway.Authentication;
using Hoop.Testing.Kubernetes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;

namespace Hoop.Gateway.Tests.Authentication;

public sealed class TokenReviewAuthenticatorTests(LocalKubeFixture kube) : IClassFixture<LocalKubeFixture>
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly RecordingLogger _log = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Alices_token_is_alice_with_her_groups()
    {
        using var client = LocalKubeClients.For(kube, TestUsers.Admin);
        var authenticator = new TokenReviewAuthenticator(client, null, _time, _log);

        var outcome = await authenticator.AuthenticateAsync(TestUsers.TokenOf(TestUsers.Alice), Cancellation);

        Assert.True(outcome.Succeeded, outcome.Failure);
        Assert.Equal("alice", outcome.User.Name);
        Assert.Equal("uid-alice", outcome.User.Uid);
        Assert.Equal(["developers", "system:authenticated"], outcome.User.Groups);
        Assert.Equal("kubernetes", outcome.User.Method);
        _log.AssertNothingContains(TestUsers.TokenOf(TestUsers.Alice));
    }

    [Fact]
    public async Task A_garbage_token_is_refused_without_echoing_it()
    {
        using var client = LocalKubeClients.For(kube, TestUsers.Admin);
        var authenticator = new TokenReviewAuthenticator(client, null, _time, _log);
        const string garbage = "not-a-token-3f9a0c7e51";

        var outcome = await authenticator.AuthenticateAsync(garbage, Cancellation);

        Assert.False(outcome.Succeeded);
        Assert.Contains("did not accept the token", outcome.Failure, StringComparison.Ordinal);
        Assert.DoesNotContain(garbage, outcome.Failure, StringComparison.Ordinal);
        _log.AssertNothingContains(garbage);
    }

    [Fact]
    public async Task An_unreachable_api_server_refuses_the_login_without_throwing()
    {
        using var client = LocalKubeClients.Unreachable();
        var authenticator = new TokenReviewAuthenticator(client, null, _time, _log);
        var token = TestUsers.TokenOf(TestUsers.Alice);

        var outcome = await authenticator.AuthenticateAsync(token, Cancellation);

        Assert.False(outcome.Succeeded);
        Assert.Contains("the API server did not answer", outcome.Failure, StringComparison.Ordinal);
        Assert.DoesNotContain(token, outcome.Failure, StringComparison.Ordinal);
        _log.AssertNothingContains(token);
    }

    [Fact]
    public async Task A_gateway_whose_own_credentials_are_refused_refuses_the_login()
    {
        using var client = LocalKubeClients.WithUnknownCredentials(kube);
        var authenticator = new TokenReviewAuthenticator(client, null, _time, _log);

        var outcome = await authenticator.AuthenticateAsync(TestUsers.TokenOf(TestUsers.Alice), Cancellation);

        Assert.False(outcome.Succeeded);
        Assert.Contains("refused the review (HTTP 401)", outcome.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cached_success_spares_a_second_review_until_it_expires()
    {
        var reviews = new RequestCounter();
        using var client = LocalKubeClients.For(kube, TestUsers.Admin, reviews);
        var authenticator = new TokenReviewAuthenticator(client, null, _time, _log);
        var token = TestUsers.TokenOf(TestUsers.Bob);

        Assert.True((await authenticator.AuthenticateAsync(token, Cancellation)).Succeeded);
        var second = await authenticator.AuthenticateAsync(token, Cancellation);

        Assert.True(second.Succeeded, second.Failure);
        Assert.Equal("bob", second.User.Name);
        Assert.Equal(1, reviews.Count);

        _time.Advance(TimeSpan.FromSeconds(31));
        Assert.True((await authenticator.AuthenticateAsync(token, Cancellation)).Succeeded);
        Assert.Equal(2, reviews.Count);
    }

    [Fact]
    public async Task A_failure_is_not_cached()
    {
        var reviews = new RequestCounter();
        using var client = LocalKubeClients.For(kube, TestUsers.Admin, reviews);
        var authenticator = new TokenReviewAuthenticator(client, null, _time, _log);

        Assert.False((await authenticator.AuthenticateAsync("unknown-token-0000", Cancellation)).Succeeded);
        Assert.False((await authenticator.AuthenticateAsync("unknown-token-0000", Cancellation)).Succeeded);

        Assert.Equal(2, reviews.Count);
    }

    [Fact]
    public async Task A_service_account_token_counts_only_for_the_audiences_it_was_issued_for()
    {
        using var admin = LocalKubeClients.For(kube, TestUsers.Admin);
        var ns = "t-" + Guid.NewGuid().ToString("N")[..10];
        await admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: Cancellation);
        await admin.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = "ci" } }, ns, cancellationToken: Cancellation);
        var forGateway = await TokenForAsync(admin, ns, ["hoop-gateway"]);
        var forApiServer = await TokenForAsync(admin, ns, null);
        var authenticator = new TokenReviewAuthenticator(admin, ["hoop-gateway"], _time, _log);

        var accepted = await authenticator.AuthenticateAsync(forGateway, Cancellation);
        var refused = await authenticator.AuthenticateAsync(forApiServer, Cancellation);

        Assert.True(accepted.Succeeded, accepted.Failure);
        Assert.Equal($"system:serviceaccount:{ns}:ci", accepted.User.Name);
        Assert.Contains($"system:serviceaccounts:{ns}", accepted.User.Groups);
        Assert.False(refused.Succeeded);
        Assert.DoesNotContain(forApiServer, refused.Failure, StringComparison.Ordinal);
    }

    private static async Task<string> TokenForAsync(Kubernetes client, string ns, List<string>? audiences)
    {
        var request = await client.CoreV1.CreateNamespacedServiceAccountTokenAsync(
            new Authenticationv1TokenRequest { Spec = new V1TokenRequestSpec { Audiences = audiences, ExpirationSeconds = 3600 } }, "ci", ns,
            cancellationToken: Cancellation);
        return request.Status.Token;
    }
}

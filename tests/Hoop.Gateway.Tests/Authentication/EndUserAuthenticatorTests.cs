using Hoop.Api.V1Alpha1;
using Hoop.Gateway.Authentication;
using Hoop.Testing.Kubernetes;
using Microsoft.Extensions.Time.Testing;

namespace Hoop.Gateway.Tests.Authentication;

public sealed class EndUserAuthenticatorTests(LocalKubeFixture kube) : IClassFixture<LocalKubeFixture>, IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly RecordingLogger _log = new();
    private readonly RequestCounter _reviews = new();
    private readonly RequestCounter _issuerRequests = new();
    private TestIssuer? _issuer;
    private HttpClient? _http;

    private TestIssuer Issuer => _issuer!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _issuer = await TestIssuer.StartAsync();
        _http = Issuer.Client(_issuerRequests);
    }

    public async ValueTask DisposeAsync()
    {
        _http?.Dispose();
        if (_issuer is not null)
        {
            await _issuer.DisposeAsync();
        }
    }

    private EndUserAuthenticator Both(k8s.IKubernetes client) => EndUserAuthenticator.For(
        new ConnectionAuthentication
        {
            Kubernetes = new KubernetesAuthentication(),
            Oidc = new OidcAuthentication { Issuer = Issuer.Issuer, Audience = TestIssuer.Audience, Prefix = "oidc:" },
        },
        client, _http, _time, _log);

    [Fact]
    public async Task A_jwt_from_the_issuer_goes_to_oidc_and_an_opaque_token_to_the_token_review()
    {
        using var client = LocalKubeClients.For(kube, TestUsers.Admin, _reviews);
        var authenticator = Both(client);

        var byOidc = await authenticator.AuthenticateAsync(Issuer.Mint(_time.GetUtcNow()), Cancellation);
        Assert.Equal(0, _reviews.Count);
        var byReview = await authenticator.AuthenticateAsync(TestUsers.TokenOf(TestUsers.Carol), Cancellation);

        Assert.True(byOidc.Succeeded, byOidc.Failure);
        Assert.Equal(("oidc:alice@example.com", "oidc"), (byOidc.User.Name, byOidc.User.Method));
        Assert.True(byReview.Succeeded, byReview.Failure);
        Assert.Equal(("carol", "kubernetes"), (byReview.User.Name, byReview.User.Method));
        Assert.Equal(1, _reviews.Count);
    }

    [Fact]
    public async Task A_jwt_from_another_issuer_goes_to_the_token_review()
    {
        using var client = LocalKubeClients.For(kube, TestUsers.Admin, _reviews);
        var token = Issuer.Mint(_time.GetUtcNow(), change: d => d.Issuer = "https://issuer.example");

        var outcome = await Both(client).AuthenticateAsync(token, Cancellation);

        Assert.False(outcome.Succeeded);
        Assert.Contains("did not accept the token", outcome.Failure, StringComparison.Ordinal);
        Assert.Equal(1, _reviews.Count);
        Assert.Equal(0, _issuerRequests.Count);
    }

    [Fact]
    public async Task Without_kubernetes_authentication_an_opaque_token_is_refused_without_a_review()
    {
        using var client = LocalKubeClients.For(kube, TestUsers.Admin, _reviews);
        var authenticator = EndUserAuthenticator.For(
            new ConnectionAuthentication { Oidc = new OidcAuthentication { Issuer = Issuer.Issuer, Audience = TestIssuer.Audience } },
            client, _http, _time, _log);

        var outcome = await authenticator.AuthenticateAsync(TestUsers.TokenOf(TestUsers.Alice), Cancellation);

        Assert.False(outcome.Succeeded);
        Assert.Contains("accepts no other tokens", outcome.Failure, StringComparison.Ordinal);
        Assert.Equal(0, _reviews.Count);
        Assert.Equal(0, _issuerRequests.Count);
    }

    [Theory]
    [InlineData("a.b.c")]
    [InlineData("e30.e30.")]
    [InlineData("eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a.b.c.d")]
    public async Task A_token_that_only_looks_like_a_jwt_is_refused_without_an_exception(string token)
    {
        using var client = LocalKubeClients.For(kube, TestUsers.Admin, _reviews);

        var outcome = await Both(client).AuthenticateAsync(token, Cancellation);

        Assert.False(outcome.Succeeded);
        Assert.Equal(0, _issuerRequests.Count);
        Assert.Equal(1, _reviews.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(20 * 1024)]
    public async Task Empty_and_oversized_tokens_are_refused_without_a_network_call(int length)
    {
        using var client = LocalKubeClients.For(kube, TestUsers.Admin, _reviews);
        var token = new string('a', length);

        var outcome = await Both(client).AuthenticateAsync(token, Cancellation);

        Assert.False(outcome.Succeeded);
        Assert.Equal(0, _reviews.Count);
        Assert.Equal(0, _issuerRequests.Count);
        if (length > 0)
        {
            Assert.DoesNotContain(token[..8], outcome.Failure, StringComparison.Ordinal);
            _log.AssertNothingContains(token[..8]);
        }
    }

    [Fact]
    public async Task An_oversized_jwt_from_the_issuer_is_refused_before_fetching_keys()
    {
        using var client = LocalKubeClients.For(kube, TestUsers.Admin, _reviews);
        var token = Issuer.Mint(_time.GetUtcNow(), change: d => d.Claims["padding"] = new string('x', 20 * 1024));

        var outcome = await Both(client).AuthenticateAsync(token, Cancellation);

        Assert.False(outcome.Succeeded);
        Assert.Contains("16 KiB", outcome.Failure, StringComparison.Ordinal);
        Assert.Equal(0, _issuerRequests.Count);
    }
}

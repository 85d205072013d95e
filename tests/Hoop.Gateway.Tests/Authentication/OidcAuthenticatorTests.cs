using System.Security.Cryptography;
using System.Text;
using Hoop.Api.V1Alpha1;
using Hoop.Gateway.Authentication;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Hoop.Gateway.Tests.Authentication;

public sealed class OidcAuthenticatorTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly RecordingLogger _log = new();
    private readonly RequestCounter _requests = new();
    private TestIssuer? _issuer;
    private HttpClient? _http;

    private TestIssuer Issuer => _issuer!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _issuer = await TestIssuer.StartAsync();
        _http = Issuer.Client(_requests);
    }

    public async ValueTask DisposeAsync()
    {
        _http?.Dispose();
        if (_issuer is not null)
        {
            await _issuer.DisposeAsync();
        }
    }

    private OidcAuthentication Settings(string? prefix = null, string? issuer = null) => new()
    {
        Issuer = issuer ?? Issuer.Issuer,
        Audience = TestIssuer.Audience,
        Prefix = prefix,
    };

    private OidcAuthenticator Authenticator(OidcAuthentication? settings = null) => new(settings ?? Settings(), _http!, _time, _log);

    private async Task<string> FailureOfAsync(string token, OidcAuthenticator? authenticator = null)
    {
        var outcome = await (authenticator ?? Authenticator()).AuthenticateAsync(token, Cancellation);
        Assert.False(outcome.Succeeded, "the token was accepted");
        Assert.DoesNotContain(token, outcome.Failure, StringComparison.Ordinal);
        _log.AssertNothingContains(token);
        return outcome.Failure;
    }

    [Fact]
    public async Task A_valid_token_names_the_user_and_groups_behind_the_prefix()
    {
        var token = Issuer.Mint(_time.GetUtcNow());

        var outcome = await Authenticator(Settings(prefix: "oidc:")).AuthenticateAsync(token, Cancellation);

        Assert.True(outcome.Succeeded, outcome.Failure);
        Assert.Equal(new EndUser("oidc:alice@example.com", "0001-alice", outcome.User.Groups, "oidc"), outcome.User);
        Assert.Equal(["oidc:developers", "oidc:on-call"], outcome.User.Groups);
        _log.AssertNothingContains(token);
    }

    [Fact]
    public async Task A_token_signed_with_the_ec_key_is_accepted()
    {
        var token = Issuer.Mint(_time.GetUtcNow(), new SigningCredentials(Issuer.EcKey, SecurityAlgorithms.EcdsaSha256));

        var outcome = await Authenticator().AuthenticateAsync(token, Cancellation);

        Assert.True(outcome.Succeeded, outcome.Failure);
        Assert.Equal("alice@example.com", outcome.User.Name);
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var token = Issuer.Mint(_time.GetUtcNow().AddHours(-2));

        Assert.Contains("expired", await FailureOfAsync(token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_expires_on_the_injected_clock_after_the_clock_skew()
    {
        var authenticator = Authenticator();
        var token = Issuer.Mint(_time.GetUtcNow());
        _time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(20));
        Assert.True((await authenticator.AuthenticateAsync(token, Cancellation)).Succeeded, "within the clock skew");

        _time.Advance(TimeSpan.FromSeconds(15));

        Assert.Contains("expired", await FailureOfAsync(token, authenticator), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_that_is_not_yet_valid_is_refused()
    {
        var now = _time.GetUtcNow();
        var token = Issuer.Mint(now, change: d => d.NotBefore = now.AddMinutes(5).UtcDateTime);

        Assert.Contains("not valid yet", await FailureOfAsync(token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_for_another_audience_is_refused()
    {
        var token = Issuer.Mint(_time.GetUtcNow(), change: d => d.Audience = "another-app");

        Assert.Contains("(audience)", await FailureOfAsync(token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_from_another_issuer_is_refused()
    {
        var token = Issuer.Mint(_time.GetUtcNow(), change: d => d.Issuer = "https://issuer.example");

        Assert.Contains("issuer", await FailureOfAsync(token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_forged_with_another_key_under_a_published_kid_is_refused()
    {
        using var forgerKey = RSA.Create(2048);
        var forger = new RsaSecurityKey(forgerKey) { KeyId = Issuer.RsaKey.KeyId };
        var token = Issuer.Mint(_time.GetUtcNow(), new SigningCredentials(forger, SecurityAlgorithms.RsaSha256));

        Assert.Contains("signature", await FailureOfAsync(token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unsigned_token_is_refused()
    {
        var token = Issuer.Mint(_time.GetUtcNow(), change: d => d.SigningCredentials = null);
        Assert.EndsWith(".", token, StringComparison.Ordinal);

        Assert.Contains("algorithm", await FailureOfAsync(token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_signed_with_hs256_under_the_public_key_is_refused()
    {
        var publicKeyBytes = Issuer.RsaKey.Rsa.ExportSubjectPublicKeyInfo();
        var confused = new SymmetricSecurityKey(publicKeyBytes) { KeyId = Issuer.RsaKey.KeyId };
        var token = Issuer.Mint(_time.GetUtcNow(), new SigningCredentials(confused, SecurityAlgorithms.HmacSha256));

        Assert.Contains("algorithm", await FailureOfAsync(token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rotated_key_is_accepted_after_one_rate_limited_refetch()
    {
        var authenticator = Authenticator();
        Assert.True((await authenticator.AuthenticateAsync(Issuer.Mint(_time.GetUtcNow()), Cancellation)).Succeeded);
        Assert.Equal(1, Issuer.JwksRequests);
        using var rotatedKey = RSA.Create(2048);
        var rotated = new RsaSecurityKey(rotatedKey) { KeyId = "rsa-2" };
        Issuer.Publish(rotated);
        var token = Issuer.Mint(_time.GetUtcNow(), new SigningCredentials(rotated, SecurityAlgorithms.RsaSha256));

        Assert.Contains("does not publish", await FailureOfAsync(token, authenticator), StringComparison.Ordinal);
        Assert.Equal(1, Issuer.JwksRequests);

        _time.Advance(TimeSpan.FromSeconds(11));
        var outcome = await authenticator.AuthenticateAsync(token, Cancellation);

        Assert.True(outcome.Succeeded, outcome.Failure);
        Assert.Equal(2, Issuer.JwksRequests);
    }

    [Fact]
    public async Task Groups_given_as_one_string_become_one_group()
    {
        var token = Issuer.Mint(_time.GetUtcNow(), change: d => d.Claims["groups"] = "dba-leads");

        var outcome = await Authenticator().AuthenticateAsync(token, Cancellation);

        Assert.True(outcome.Succeeded, outcome.Failure);
        Assert.Equal(["dba-leads"], outcome.User.Groups);
    }

    [Fact]
    public async Task A_token_without_groups_has_none()
    {
        var token = Issuer.Mint(_time.GetUtcNow(), change: d => d.Claims.Remove("groups"));

        var outcome = await Authenticator().AuthenticateAsync(token, Cancellation);

        Assert.True(outcome.Succeeded, outcome.Failure);
        Assert.Empty(outcome.User.Groups);
    }

    [Fact]
    public async Task A_token_without_the_username_claim_is_refused()
    {
        var token = Issuer.Mint(_time.GetUtcNow(), change: d => d.Claims.Remove("email"));

        Assert.Contains("'email' claim", await FailureOfAsync(token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_email_the_issuer_marks_unverified_is_refused()
    {
        var token = Issuer.Mint(_time.GetUtcNow(), change: d => d.Claims["email_verified"] = false);

        Assert.Contains("not verified", await FailureOfAsync(token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_issuer_refuses_the_login()
    {
        var down = $"https://127.0.0.1:{ClosedPort.Find()}";
        var token = Issuer.Mint(_time.GetUtcNow(), change: d => d.Issuer = down);

        var failure = await FailureOfAsync(token, Authenticator(Settings(issuer: down)));

        Assert.Contains("could not be fetched", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_discovery_document_naming_another_issuer_is_not_trusted()
    {
        // The issuer with a trailing slash fetches the same document, whose issuer then differs by that slash.
        var settings = Settings(issuer: Issuer.Issuer + "/");
        var token = Issuer.Mint(_time.GetUtcNow(), change: d => d.Issuer = settings.Issuer);

        Assert.Contains("could not be fetched", await FailureOfAsync(token, Authenticator(settings)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Something_that_is_not_a_jwt_is_refused_without_fetching_keys()
    {
        var token = Convert.ToBase64String(Encoding.UTF8.GetBytes("opaque"));

        Assert.Contains("not a JWT", await FailureOfAsync(token), StringComparison.Ordinal);
        Assert.Equal(0, _requests.Count);
    }

    [Fact]
    public async Task A_token_without_expiry_is_refused()
    {
        var token = Issuer.Mint(_time.GetUtcNow(), change: d => d.Expires = null);
        Assert.False(new JsonWebToken(token).TryGetPayloadValue<long>("exp", out _));

        Assert.Contains("no expiry", await FailureOfAsync(token), StringComparison.Ordinal);
    }
}

using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Hoop.Gateway.Authentication;

/// <summary>
/// An OIDC issuer's signing keys: its discovery document names the JWKS, which is fetched on first use, again when it
/// is an hour old, and at once (at most every ten seconds) when a token names a key it does not hold, which is how
/// key rotation looks from here. Only RSA and EC signing keys are kept.
/// </summary>
internal sealed class OidcSigningKeys(string issuer, HttpClient http, TimeProvider time, ILogger logger)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromHours(1);
    private static readonly TimeSpan MinRefetchInterval = TimeSpan.FromSeconds(10);

    // Keys the issuer could not confirm for this long are dropped rather than trusted forever.
    private static readonly TimeSpan MaxStaleness = TimeSpan.FromHours(24);
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);
    private const int MaxDocumentBytes = 1024 * 1024;

    private readonly Lock _lock = new();
    private Task<IReadOnlyList<SecurityKey>?>? _refreshing;
    private IReadOnlyList<SecurityKey>? _keys;
    private DateTimeOffset _fetchedAt;
    private DateTimeOffset? _lastAttempt;

    /// <summary>The keys, refreshed if they are old or lack <paramref name="keyId"/>; null when none could be had.</summary>
    public async ValueTask<IReadOnlyList<SecurityKey>?> CurrentAsync(string? keyId, CancellationToken cancellationToken)
    {
        Task<IReadOnlyList<SecurityKey>?> refresh;
        lock (_lock)
        {
            if (_keys is { } keys && time.GetUtcNow() - _fetchedAt < MaxAge && (keyId is null || keys.Any(k => k.KeyId == keyId)))
            {
                return keys;
            }

            // Concurrent logins share one fetch; it runs on its own timeout, not on any one caller's cancellation.
            if (_refreshing is null || _refreshing.IsCompleted)
            {
                _refreshing = RefreshAsync();
            }

            refresh = _refreshing;
        }

        return await refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<SecurityKey>?> RefreshAsync()
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (_lastAttempt is { } last && now - last < MinRefetchInterval)
            {
                return _keys;
            }

            _lastAttempt = now;
        }

        try
        {
            var keys = await FetchAsync().ConfigureAwait(false);
            AuthenticationLog.SigningKeysFetched(logger, keys.Count, issuer);
            lock (_lock)
            {
                _keys = keys;
                _fetchedAt = now;
                return keys;
            }
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or ArgumentException or InvalidDataException or System.Text.Json.JsonException)
        {
            AuthenticationLog.SigningKeysUnavailable(logger, issuer, e.Message);
            lock (_lock)
            {
                if (now - _fetchedAt > MaxStaleness)
                {
                    _keys = null;
                }

                return _keys;
            }
        }
    }

    private async Task<IReadOnlyList<SecurityKey>> FetchAsync()
    {
        var discovery = OpenIdConnectConfiguration.Create(
            await GetAsync(new Uri(issuer.TrimEnd('/') + "/.well-known/openid-configuration")).ConfigureAwait(false));
        if (!string.Equals(discovery.Issuer, issuer, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"the discovery document names issuer '{discovery.Issuer}', not '{issuer}'");
        }

        if (!Uri.TryCreate(discovery.JwksUri, UriKind.Absolute, out var jwksUri) || jwksUri.Scheme != Uri.UriSchemeHttps)
        {
            throw new InvalidDataException("the discovery document has no https jwks_uri");
        }

        var set = JsonWebKeySet.Create(await GetAsync(jwksUri).ConfigureAwait(false));
        return [.. set.Keys.Where(k => k.Kty is JsonWebAlgorithmsKeyTypes.RSA or JsonWebAlgorithmsKeyTypes.EllipticCurve
            && (string.IsNullOrEmpty(k.Use) || k.Use == JsonWebKeyUseNames.Sig))];
    }

    private async Task<string> GetAsync(Uri uri)
    {
        using var timeout = new CancellationTokenSource(RequestTimeout, time);
        using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"GET {uri} answered HTTP {(int)response.StatusCode}", null, response.StatusCode);
        }

        if (response.Content.Headers.ContentLength > MaxDocumentBytes)
        {
            throw new InvalidDataException($"GET {uri} answered more than {MaxDocumentBytes} bytes");
        }

        var stream = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var reader = new StreamReader(stream);
            var buffer = new char[MaxDocumentBytes + 1];
            var length = await reader.ReadBlockAsync(buffer, timeout.Token).ConfigureAwait(false);
            return length > MaxDocumentBytes
                ? throw new InvalidDataException($"GET {uri} answered more than {MaxDocumentBytes} bytes")
                : new string(buffer, 0, length);
        }
    }
}

using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Hoop.Gateway.Tests.Authentication;

/// <summary>
/// An OIDC issuer for tests: Kestrel over HTTPS on loopback with a self-signed certificate, serving discovery and a
/// JWKS with an RSA and an EC key, and minting ID tokens with them. A fake because no real identity provider can be
/// run here; it serves exactly the two documents an OIDC relying party reads.
/// </summary>
internal sealed class TestIssuer : IAsyncDisposable
{
    public const string Audience = "hoop-gateway";

    private readonly WebApplication _app;
    private readonly X509Certificate2 _certificate;
    private readonly List<SecurityKey> _published = [];
    private readonly Lock _lock = new();
    private int _jwksRequests;

    private TestIssuer(WebApplication app, X509Certificate2 certificate)
    {
        _app = app;
        _certificate = certificate;
    }

    /// <summary>The issuer URL, <c>https://127.0.0.1:PORT</c>, known once the server listens.</summary>
    public string Issuer { get; private set; } = "";

    public RsaSecurityKey RsaKey { get; } = new(RSA.Create(2048)) { KeyId = "rsa-1" };

    public ECDsaSecurityKey EcKey { get; } = new(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "ec-1" };

    public int JwksRequests => Volatile.Read(ref _jwksRequests);

    public static async Task<TestIssuer> StartAsync()
    {
        var certificate = SelfSignedCertificate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var issuer = new TestIssuer(builder.Build(), certificate);
        issuer.Map();
        await issuer._app.StartAsync();
        issuer.Issuer = issuer._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');
        issuer.Publish(issuer.RsaKey);
        issuer.Publish(issuer.EcKey);
        return issuer;
    }

    /// <summary>Adds a key to the JWKS, as an issuer does when it rotates keys.</summary>
    public void Publish(SecurityKey key)
    {
        lock (_lock)
        {
            _published.Add(key);
        }
    }

    /// <summary>A client that trusts this issuer's certificate only, counting its requests.</summary>
    public HttpClient Client(RequestCounter? counter = null)
    {
        var thumbprint = _certificate.GetCertHashString();
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == thumbprint;
        if (counter is null)
        {
            return new HttpClient(handler);
        }

        counter.InnerHandler = handler;
        return new HttpClient(counter);
    }

    /// <summary>An ID token for alice, valid for an hour from <paramref name="now"/>, changed by <paramref name="change"/>.</summary>
    public string Mint(DateTimeOffset now, SigningCredentials? signing = null, Action<SecurityTokenDescriptor>? change = null)
    {
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = now.AddHours(1).UtcDateTime,
            Claims = new Dictionary<string, object>
            {
                ["sub"] = "0001-alice",
                ["email"] = "alice@example.com",
                ["groups"] = new[] { "developers", "on-call" },
            },
            SigningCredentials = signing ?? new SigningCredentials(RsaKey, SecurityAlgorithms.RsaSha256),
        };
        change?.Invoke(descriptor);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _certificate.Dispose();
        RsaKey.Rsa.Dispose();
        EcKey.ECDsa.Dispose();
    }

    private void Map()
    {
        _app.MapGet("/.well-known/openid-configuration", () => Results.Text(
            new JsonObject { ["issuer"] = Issuer, ["jwks_uri"] = Issuer + "/keys" }.ToJsonString(), "application/json"));
        _app.MapGet("/keys", () =>
        {
            Interlocked.Increment(ref _jwksRequests);
            lock (_lock)
            {
                return Results.Text(new JsonObject { ["keys"] = new JsonArray([.. _published.Select(JwkOf)]) }.ToJsonString(), "application/json");
            }
        });
    }

    private static JsonNode JwkOf(SecurityKey key) => key switch
    {
        RsaSecurityKey rsa when rsa.Rsa.ExportParameters(false) is var p => new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = rsa.KeyId,
            ["n"] = Base64UrlEncoder.Encode(p.Modulus),
            ["e"] = Base64UrlEncoder.Encode(p.Exponent),
        },
        ECDsaSecurityKey ec when ec.ECDsa.ExportParameters(false) is var p => new JsonObject
        {
            ["kty"] = "EC",
            ["use"] = "sig",
            ["kid"] = ec.KeyId,
            ["crv"] = "P-256",
            ["x"] = Base64UrlEncoder.Encode(p.Q.X),
            ["y"] = Base64UrlEncoder.Encode(p.Q.Y),
        },
        _ => throw new ArgumentException("only RSA and EC keys are published", nameof(key)),
    };

    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }
}

using System.Buffers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Hoop.Api.V1Alpha1;
using Hoop.Gateway.Postgres.Backend;
using Hoop.Gateway.Postgres.Protocol;

namespace Hoop.Gateway.Tests.Postgres;

/// <summary>
/// TLS to the backend through SSLRequest, against the scripted server: the fixture's PostgreSQL runs without TLS, and
/// the interesting cases need certificates a test controls.
/// </summary>
public sealed class BackendTlsTests : IDisposable
{
    private const string CertificateName = "db.example";

    private readonly X509Certificate2 _certificate = SelfSigned(CertificateName);

    [Fact(Timeout = 20_000)]
    public async Task Require_encrypts_without_verifying_the_certificate()
    {
        await using var server = StartLoginServer();
        await using var connection = await ConnectAsync(server, TlsMode.Require, null, null, TestContext.Current.CancellationToken);
        Assert.Equal(4242, connection.ProcessId);
    }

    [Fact(Timeout = 20_000)]
    public async Task VerifyFull_refuses_a_certificate_no_trusted_ca_signed()
    {
        await using var server = StartLoginServer();
        var error = await Assert.ThrowsAsync<BackendLoginException>(() => ConnectAsync(server, TlsMode.VerifyFull, null, CertificateName, TestContext.Current.CancellationToken));
        Assert.Equal(PgSqlState.ConnectionFailure, error.SqlState);
    }

    [Fact(Timeout = 20_000)]
    public async Task VerifyCA_trusts_the_given_bundle_and_ignores_the_host_name()
    {
        await using var server = StartLoginServer();
        await using var connection = await ConnectAsync(server, TlsMode.VerifyCA, _certificate.ExportCertificatePem(), null, TestContext.Current.CancellationToken);
        Assert.Equal("15.99", connection.ServerParameters["server_version"]);
    }

    [Fact(Timeout = 20_000)]
    public async Task VerifyFull_checks_the_server_name_against_the_certificate()
    {
        await using (var server = StartLoginServer())
        {
            await using var connection = await ConnectAsync(server, TlsMode.VerifyFull, _certificate.ExportCertificatePem(), CertificateName, TestContext.Current.CancellationToken);
            Assert.Equal(4242, connection.ProcessId);
        }

        await using var wrongName = StartLoginServer();
        var error = await Assert.ThrowsAsync<BackendLoginException>(() =>
            ConnectAsync(wrongName, TlsMode.VerifyFull, _certificate.ExportCertificatePem(), "other.example", TestContext.Current.CancellationToken));
        Assert.Equal(PgSqlState.ConnectionFailure, error.SqlState);
    }

    [Fact(Timeout = 20_000)]
    public async Task A_server_without_tls_fails_a_login_that_requires_it()
    {
        await using var server = ScriptedPostgresServer.Start(_ => Task.CompletedTask);
        var error = await Assert.ThrowsAsync<BackendLoginException>(() => ConnectAsync(server, TlsMode.Require, null, null, TestContext.Current.CancellationToken));
        Assert.Equal(PgSqlState.ConnectionFailure, error.SqlState);
        Assert.Contains("does not accept TLS", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _certificate.Dispose();

    private ScriptedPostgresServer StartLoginServer() => ScriptedPostgresServer.Start(async session =>
    {
        await session.SendAsync(BackendMessageWriter.AuthenticationCleartextPassword);
        PasswordMessage.Parse(new ReadOnlySequence<byte>(await session.ReceiveAsync(FrontendMessageType.Password)));
        await session.SendReadyAsync();
    }, _certificate);

    private static Task<BackendConnection> ConnectAsync(
        ScriptedPostgresServer server, TlsMode mode, string? caBundle, string? serverName, CancellationToken cancellationToken) =>
        PostgresBackendConnector.ConnectAsync(
            new BackendLoginRequest(server.Endpoint with { TlsMode = mode, CaBundlePem = caBundle, ServerName = serverName }, "app", "pw", "orders", new Dictionary<string, string>()),
            cancellationToken);

    private static X509Certificate2 SelfSigned(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(name);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign, true));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddHours(-1), now.AddHours(1));
    }
}

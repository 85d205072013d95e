using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Hoop.Gateway.Postgres.Backend;
using Hoop.Gateway.Postgres.Protocol;

namespace Hoop.Gateway.Tests.Postgres;

/// <summary>Logins a real PostgreSQL from the fixture cannot play: MD5, cleartext, and a server that fakes SCRAM.</summary>
public sealed class ScriptedBackendLoginTests
{
    private const string User = "orders_app";
    private const string Password = "s3cret-pw";

    [Fact(Timeout = 20_000)]
    public async Task Md5_login_answers_with_the_salted_double_hash()
    {
        var salt = new byte[] { 0xde, 0xad, 0xbe, 0xef };
        string? answer = null;
        await using var server = ScriptedPostgresServer.Start(async session =>
        {
            await session.SendAsync(w => BackendMessageWriter.Authentication(w, AuthenticationRequest.Md5Password, salt));
            answer = PasswordMessage.Parse(new ReadOnlySequence<byte>(await session.ReceiveAsync(FrontendMessageType.Password))).Password;
            await session.SendReadyAsync();
        });

        await using var connection = await PostgresBackendConnector.ConnectAsync(Request(server), TestContext.Current.CancellationToken);

#pragma warning disable CA5351 // PostgreSQL's md5 method is what is under test.
        var inner = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(Password + User)));
        var expected = "md5" + Convert.ToHexStringLower(MD5.HashData([.. Encoding.ASCII.GetBytes(inner), .. salt]));
#pragma warning restore CA5351
        Assert.Equal(expected, answer);
        Assert.Equal(4242, connection.ProcessId);
        Assert.Equal(777, connection.SecretKey);
        Assert.Equal("15.99", connection.ServerParameters["server_version"]);
        Assert.Equal(TransactionStatus.Idle, connection.TransactionStatus);
    }

    [Fact(Timeout = 20_000)]
    public async Task Cleartext_login_sends_the_password_and_forwards_only_the_clients_run_time_parameters()
    {
        string? answer = null;
        await using var server = ScriptedPostgresServer.Start(async session =>
        {
            await session.SendAsync(BackendMessageWriter.AuthenticationCleartextPassword);
            answer = PasswordMessage.Parse(new ReadOnlySequence<byte>(await session.ReceiveAsync(FrontendMessageType.Password))).Password;
            await session.SendReadyAsync();
        });
        var client = new Dictionary<string, string>
        {
            ["user"] = "mallory",
            ["database"] = "other",
            ["application_name"] = "psql",
            ["TimeZone"] = "UTC",
        };

        await using var connection = await PostgresBackendConnector.ConnectAsync(Request(server, client), TestContext.Current.CancellationToken);
        await server.Completion;

        Assert.Equal(Password, answer);
        var startup = server.Startup!;
        Assert.Equal(User, startup.User);
        Assert.Equal("orders", startup.Database);
        Assert.Equal("psql", startup.Parameters["application_name"]);
        Assert.Equal("UTC", startup.Parameters["TimeZone"]);
    }

    [Fact(Timeout = 20_000)]
    public async Task A_forged_scram_server_signature_fails_the_login()
    {
        await using var server = ScriptedPostgresServer.Start(async session =>
        {
            var nonce = await BeginScramAsync(session);
            await session.SendAsync(w => BackendMessageWriter.Authentication(w, AuthenticationRequest.SaslContinue,
                Encoding.ASCII.GetBytes($"r={nonce}server,s={Convert.ToBase64String(RandomNumberGenerator.GetBytes(16))},i=4096")));
            await session.ReceiveAsync(FrontendMessageType.Password);
            await session.SendAsync(w => BackendMessageWriter.Authentication(w, AuthenticationRequest.SaslFinal,
                Encoding.ASCII.GetBytes("v=" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)))));
            await session.SendReadyAsync();
        });

        var error = await Assert.ThrowsAsync<BackendLoginException>(() => PostgresBackendConnector.ConnectAsync(Request(server), TestContext.Current.CancellationToken));

        Assert.Equal(PgSqlState.InvalidAuthorizationSpecification, error.SqlState);
        Assert.Contains("server signature", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 20_000)]
    public async Task A_scram_server_that_skips_its_signature_fails_the_login()
    {
        await using var server = ScriptedPostgresServer.Start(async session =>
        {
            var nonce = await BeginScramAsync(session);
            await session.SendAsync(w => BackendMessageWriter.Authentication(w, AuthenticationRequest.SaslContinue,
                Encoding.ASCII.GetBytes($"r={nonce}server,s=c2FsdHNhbHQ=,i=4096")));
            await session.ReceiveAsync(FrontendMessageType.Password);
            await session.SendReadyAsync();
        });

        var error = await Assert.ThrowsAsync<BackendLoginException>(() => PostgresBackendConnector.ConnectAsync(Request(server), TestContext.Current.CancellationToken));
        Assert.Equal(PgSqlState.InvalidAuthorizationSpecification, error.SqlState);
    }

    [Fact(Timeout = 20_000)]
    public async Task A_scram_nonce_that_does_not_extend_the_clients_fails_the_login()
    {
        await using var server = ScriptedPostgresServer.Start(async session =>
        {
            await BeginScramAsync(session);
            await session.SendAsync(w => BackendMessageWriter.Authentication(w, AuthenticationRequest.SaslContinue,
                "r=someone-elses-nonce,s=c2FsdHNhbHQ=,i=4096"u8));
            await session.ReceiveAsync(FrontendMessageType.Password);
        });

        var error = await Assert.ThrowsAsync<BackendLoginException>(() => PostgresBackendConnector.ConnectAsync(Request(server), TestContext.Current.CancellationToken));
        Assert.Equal(PgSqlState.InvalidAuthorizationSpecification, error.SqlState);
    }

    [Fact(Timeout = 20_000)]
    public async Task A_server_error_during_login_carries_its_sqlstate()
    {
        await using var server = ScriptedPostgresServer.Start(session => session.SendAsync(w =>
            BackendMessageWriter.ErrorResponse(w, "FATAL", "3D000", "database \"orders\" does not exist")));

        var error = await Assert.ThrowsAsync<BackendLoginException>(() => PostgresBackendConnector.ConnectAsync(Request(server), TestContext.Current.CancellationToken));

        Assert.Equal("3D000", error.SqlState);
        Assert.Equal("database \"orders\" does not exist", error.ServerNotice?.Message);
    }

    private static BackendLoginRequest Request(ScriptedPostgresServer server, Dictionary<string, string>? client = null) =>
        new(server.Endpoint, User, Password, "orders", client ?? []);

    /// <summary>Offers SCRAM-SHA-256, reads the client-first message and returns the client's nonce.</summary>
    private static async Task<string> BeginScramAsync(ScriptedPostgresServer.Session session)
    {
        await session.SendAsync(w => BackendMessageWriter.Authentication(w, AuthenticationRequest.Sasl, "SCRAM-SHA-256\0\0"u8));
        var initial = SaslInitialResponseMessage.Parse(new ReadOnlySequence<byte>(await session.ReceiveAsync(FrontendMessageType.Password)));
        Assert.Equal("SCRAM-SHA-256", initial.Mechanism);
        var clientFirst = Encoding.ASCII.GetString(initial.Response.Bytes.ToArray());
        Assert.StartsWith("n,,n=,r=", clientFirst, StringComparison.Ordinal);
        return clientFirst["n,,n=,r=".Length..];
    }
}

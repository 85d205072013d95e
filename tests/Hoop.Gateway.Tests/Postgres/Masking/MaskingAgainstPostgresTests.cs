using System.Buffers.Binary;
using System.Text;
using Hoop.Api.V1Alpha1;
using Hoop.Gateway.Postgres.Backend;
using Hoop.Gateway.Postgres.Masking;
using Hoop.Gateway.Postgres.Protocol;
using Hoop.Testing.Postgres;
using static Hoop.Gateway.Tests.Postgres.Masking.ResultSets;

namespace Hoop.Gateway.Tests.Postgres.Masking;

/// <summary>Rows and errors as a real PostgreSQL 15 sends them, masked as the session will mask them.</summary>
public sealed class MaskingAgainstPostgresTests(PostgresFixture fixture) : IClassFixture<PostgresFixture>
{
    [Fact(Timeout = 60_000)]
    public async Task A_text_row_loses_its_email_and_card_and_keeps_its_number()
    {
        await using var backend = await ConnectAsync();
        FrontendMessageWriter.Query(backend.Output, "SELECT 'alice@example.com'::text AS email, 4242 AS n, '4111 1111 1111 1111' AS card");
        await backend.Output.FlushAsync(TestContext.Current.CancellationToken);

        using var masker = PgResultSetMasker.Create(
            Engine([], DetectorType.Email, DetectorType.CreditCard), RowDescriptionMessage.Parse((await NextAsync(backend, BackendMessageType.RowDescription)).Body), _ => null);
        var row = await NextAsync(backend, BackendMessageType.DataRow);
        var masked = WireBytes.Of(w => masker.WriteMasked(row.Body, w));

        Assert.Equal(["[REDACTED:email]", "4242", "[REDACTED:creditCard]"], ReadTextRow(masked));
        Assert.False(Contains(masked, "alice@example.com"));
        Assert.False(Contains(masked, "4111 1111 1111 1111"));
        Assert.Equal((1, 2), (masker.RowsMasked, masker.ValuesMasked));
        await DrainAsync(backend);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_binary_row_masks_its_text_withholds_rule_masked_numbers_and_keeps_the_others()
    {
        await using var backend = await ConnectAsync();
        await QueryAsync(backend, """
            CREATE TEMP TABLE users (email text, card_number varchar, n int4, doc jsonb);
            INSERT INTO users VALUES ('alice@example.com', '4111 1111 1111 1111', 4242, '{"to": "bob@example.com"}');
            """);
        var usersOid = uint.Parse((await QueryAsync(backend, "SELECT 'users'::regclass::oid::text"))!, System.Globalization.CultureInfo.InvariantCulture);

        SendBinaryQuery(backend, "SELECT email, card_number, n, doc, n + 0 AS total FROM users");
        await backend.Output.FlushAsync(TestContext.Current.CancellationToken);
        await NextAsync(backend, (byte)'1');
        await NextAsync(backend, (byte)'2');
        var description = RowDescriptionMessage.Parse((await NextAsync(backend, BackendMessageType.RowDescription)).Body);
        using var masker = PgResultSetMasker.Create(
            Engine(["users.card_*", "users.n"], DetectorType.Email), description, oid => oid == usersOid ? "public.users" : null);
        var row = await NextAsync(backend, BackendMessageType.DataRow);
        var masked = ReadRow(WireBytes.Of(w => masker.WriteMasked(row.Body, w)));

        Assert.All(description.Fields, f => Assert.Equal(1, f.Format));
        Assert.Equal("[REDACTED:email]", Encoding.UTF8.GetString(masked[0]!));
        Assert.Equal("[REDACTED]", Encoding.UTF8.GetString(masked[1]!));
        Assert.Null(masked[2]);
        Assert.Equal("\u0001{\"to\": \"[REDACTED:email]\"}"u8.ToArray(), masked[3]);
        Assert.Equal(4242, BinaryPrimitives.ReadInt32BigEndian(masked[4]));
        Assert.Equal((1, 4, 1), (masker.RowsMasked, masker.ValuesMasked, masker.ValuesWithheld));
        await DrainAsync(backend);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_unique_violation_reaches_the_client_without_the_value_it_quotes()
    {
        await using var backend = await ConnectAsync();
        await QueryAsync(backend, "CREATE TEMP TABLE users (email text UNIQUE); INSERT INTO users VALUES ('alice@example.com');");
        FrontendMessageWriter.Query(backend.Output, "INSERT INTO users VALUES ('alice@example.com')");
        await backend.Output.FlushAsync(TestContext.Current.CancellationToken);

        var error = await NextAsync(backend, BackendMessageType.ErrorResponse);
        var masked = WireBytes.Of(w => Assert.True(new PgNoticeMasker(Engine([], DetectorType.Email)).WriteMasked(error.Body, error.Type, w)));

        var notice = PgNotice.Parse(Body(masked));
        Assert.Equal("23505", notice.SqlState);
        Assert.Equal("Key (email)=([REDACTED:email]) already exists.", notice.Detail);
        Assert.False(Contains(masked, "alice@example.com"));
        await DrainAsync(backend);
    }

    private Task<BackendConnection> ConnectAsync()
    {
        var endpoint = new BackendEndpoint(fixture.Server.Host, fixture.Server.Port, TlsMode.Disable);
        return PostgresBackendConnector.ConnectAsync(
            new BackendLoginRequest(endpoint, fixture.Server.Username, fixture.Server.Password, fixture.Server.Database, new Dictionary<string, string>()),
            TestContext.Current.CancellationToken);
    }

    /// <summary>Parse, Bind asking every result column in binary, Describe, Execute and Sync, all for the unnamed portal.</summary>
    private static void SendBinaryQuery(BackendConnection backend, string sql)
    {
        var parse = PgFrame.Typed(backend.Output, FrontendMessageType.Parse, 1 + PgFrame.StringLength(sql) + 2);
        parse.WriteString("");
        parse.WriteString(sql);
        parse.WriteInt16(0);
        parse.Commit();

        var bind = PgFrame.Typed(backend.Output, FrontendMessageType.Bind, 1 + 1 + 2 + 2 + 2 + 2);
        bind.WriteString("");
        bind.WriteString("");
        bind.WriteInt16(0);
        bind.WriteInt16(0);
        bind.WriteInt16(1);
        bind.WriteInt16(1);
        bind.Commit();

        var describe = PgFrame.Typed(backend.Output, FrontendMessageType.Describe, 2);
        describe.WriteByte((byte)'P');
        describe.WriteString("");
        describe.Commit();

        var execute = PgFrame.Typed(backend.Output, FrontendMessageType.Execute, 5);
        execute.WriteString("");
        execute.WriteInt32(0);
        execute.Commit();

        FrontendMessageWriter.Sync(backend.Output);
    }

    /// <summary>Runs a simple query to its end; returns the first column of its last row, if any.</summary>
    private static async Task<string?> QueryAsync(BackendConnection backend, string sql)
    {
        FrontendMessageWriter.Query(backend.Output, sql);
        await backend.Output.FlushAsync(TestContext.Current.CancellationToken);
        string? first = null;
        while (await NextAsync(backend, null) is var message && message.Type != BackendMessageType.ReadyForQuery)
        {
            Assert.NotEqual(BackendMessageType.ErrorResponse, message.Type);
            if (message.Type == BackendMessageType.DataRow)
            {
                foreach (var value in DataRowMessage.Parse(message.Body).Columns)
                {
                    first = value.AsText();
                    break;
                }
            }
        }

        return first;
    }

    private static async Task DrainAsync(BackendConnection backend)
    {
        while ((await NextAsync(backend, null)).Type != BackendMessageType.ReadyForQuery)
        {
        }
    }

    private static async Task<PgMessage> NextAsync(BackendConnection backend, byte? expectedType)
    {
        while (true)
        {
            var message = await backend.Messages.ReadAsync(TestContext.Current.CancellationToken)
                ?? throw new InvalidOperationException("the server closed the connection");
            if (message.Type is BackendMessageType.NoticeResponse or BackendMessageType.ParameterStatus)
            {
                continue;
            }

            if (expectedType is { } expected)
            {
                Assert.Equal((char)expected, (char)message.Type);
            }

            return message;
        }
    }
}

using Hoop.Api.V1Alpha1;
using Hoop.Gateway.Postgres.Backend;
using Hoop.Gateway.Postgres.Protocol;
using Hoop.Testing.Postgres;
using Npgsql;

namespace Hoop.Gateway.Tests.Postgres;

public sealed class BackendLoginTests(PostgresFixture fixture) : IClassFixture<PostgresFixture>
{
    [Fact(Timeout = 60_000)]
    public async Task Scram_login_reaches_ready_for_query_and_a_query_returns_its_row()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = new Dictionary<string, string> { ["application_name"] = "hoop-gateway-test", ["user"] = "mallory" };
        await using var backend = await PostgresBackendConnector.ConnectAsync(Request(fixture.Server.Password, client), ct);

        Assert.StartsWith("15.", backend.ServerParameters["server_version"], StringComparison.Ordinal);
        Assert.Equal("hoop-gateway-test", backend.ServerParameters["application_name"]);
        Assert.NotEqual(0, backend.ProcessId);
        Assert.Equal(TransactionStatus.Idle, backend.TransactionStatus);

        FrontendMessageWriter.Query(backend.Output, "select 1 as one, session_user::text as who, null::text as nothing");
        await backend.Output.FlushAsync(ct);

        var description = RowDescriptionMessage.Parse((await NextAsync(backend, BackendMessageType.RowDescription)).Body);
        Assert.Equal(["one", "who", "nothing"], description.Fields.Select(f => f.Name));
        Assert.Equal(23, description.Fields[0].TypeOid);

        var row = DataRowMessage.Parse((await NextAsync(backend, BackendMessageType.DataRow)).Body);
        var values = new List<string?>();
        foreach (var value in row.Columns)
        {
            values.Add(value.AsText());
        }

        Assert.Equal(["1", "postgres", null], values);
        Assert.Equal("SELECT 1", CommandCompleteMessage.Parse((await NextAsync(backend, BackendMessageType.CommandComplete)).Body).Tag);
        Assert.Equal(TransactionStatus.Idle, ReadyForQueryMessage.Parse((await NextAsync(backend, BackendMessageType.ReadyForQuery)).Body).Status);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_wrong_password_surfaces_the_servers_invalid_password_error()
    {
        const string wrong = "definitely-not-the-password";
        var error = await Assert.ThrowsAsync<BackendLoginException>(() =>
            PostgresBackendConnector.ConnectAsync(Request(wrong), TestContext.Current.CancellationToken));

        Assert.Equal(PgSqlState.InvalidPassword, error.SqlState);
        Assert.NotNull(error.ServerNotice);
        Assert.DoesNotContain(wrong, error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_cancel_request_with_the_backend_key_stops_a_running_statement()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var backend = await PostgresBackendConnector.ConnectAsync(Request(fixture.Server.Password), ct);
        FrontendMessageWriter.Query(backend.Output, "select pg_sleep(30)");
        await backend.Output.FlushAsync(ct);
        await WaitUntilRunningAsync(backend.ProcessId, ct);

        await BackendCancelSender.SendAsync(Endpoint, backend.ProcessId, backend.SecretKey, ct);

        // The row shape is sent before execution starts; the cancellation ends the statement with an error instead of a row.
        await NextAsync(backend, BackendMessageType.RowDescription);
        var error = PgNotice.Parse((await NextAsync(backend, BackendMessageType.ErrorResponse)).Body);
        Assert.Equal(PgSqlState.QueryCanceled, error.SqlState);
        Assert.Equal(TransactionStatus.Idle, ReadyForQueryMessage.Parse((await NextAsync(backend, BackendMessageType.ReadyForQuery)).Body).Status);
    }

    private BackendEndpoint Endpoint => new(fixture.Server.Host, fixture.Server.Port, TlsMode.Disable);

    private BackendLoginRequest Request(string password, Dictionary<string, string>? client = null) =>
        new(Endpoint, fixture.Server.Username, password, fixture.Server.Database, client ?? []);

    private static async Task<PgMessage> NextAsync(BackendConnection backend, byte expectedType)
    {
        while (true)
        {
            var message = await backend.Messages.ReadAsync(TestContext.Current.CancellationToken)
                ?? throw new InvalidOperationException("the server closed the connection");
            if (message.Type is BackendMessageType.NoticeResponse or BackendMessageType.ParameterStatus)
            {
                continue;
            }

            Assert.Equal((char)expectedType, (char)message.Type);
            return message;
        }
    }

    /// <summary>A cancel that arrives before the statement starts is ignored by the server, so wait until it runs.</summary>
    private async Task WaitUntilRunningAsync(int processId, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(fixture.Server.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("select count(*) from pg_stat_activity where pid = $1 and state = 'active' and query like 'select pg_sleep%'", connection);
        command.Parameters.AddWithValue(processId);
        while ((long)(await command.ExecuteScalarAsync(cancellationToken))! == 0)
        {
            await Task.Delay(50, cancellationToken);
        }
    }
}

using Hoop.Testing.Kubernetes;
using Hoop.Testing.Processes;

namespace Hoop.Gateway.Tests.EndToEnd;

/// <summary>The real psql, over TLS and in plain text, reading through the gateway: masked rows, refusals, clean recordings.</summary>
public sealed class PsqlThroughGatewayTests(GatewayWorld world) : IClassFixture<GatewayWorld>
{
    private const string ClearEmail = "alice@example.com";
    private const string ClearSsn = "123-45-6789";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("require")]
    [InlineData("disable")]
    public async Task Psql_runs_a_script_of_reads_and_a_transaction_and_sees_only_masked_values(string sslMode)
    {
        var result = await PsqlAsync(sslMode, """
            SELECT id, name, email, ssn FROM users ORDER BY id;
            BEGIN;
            SELECT count(*) AS order_count FROM orders;
            COMMIT;
            SELECT 'script' || ' finished' AS marker;
            """);

        Assert.True(result.ExitCode == 0, $"psql exited with {result.ExitCode}: {result.Error}");
        Assert.Contains("Alice", result.Output, StringComparison.Ordinal);
        Assert.Contains("@example.com", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(ClearEmail, result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(ClearSsn, result.Output, StringComparison.Ordinal);
        Assert.Contains("COMMIT", result.Output, StringComparison.Ordinal);
        Assert.Contains("script finished", result.Output, StringComparison.Ordinal);
        AssertRecordingsHoldNoClearValues();
    }

    [Fact]
    public async Task Copy_to_stdout_never_carries_a_masked_column_in_clear()
    {
        var result = await PsqlAsync("disable", "COPY (SELECT id, email, ssn FROM users ORDER BY id) TO STDOUT;\n");

        // Either masked rows or a refusal is acceptable; clear values are not.
        Assert.DoesNotContain(ClearEmail, result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(ClearSsn, result.Output, StringComparison.Ordinal);
        if (result.ExitCode == 0)
        {
            Assert.Contains("@example.com", result.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_masked_column_under_another_name_or_inside_an_expression_is_still_masked()
    {
        var result = await PsqlAsync("disable", """
            SELECT email AS contact, ssn AS tax_id FROM users WHERE id = 1;
            SELECT lower(email), ssn || '' FROM users WHERE id = 1;
            SELECT x.e FROM (SELECT upper(email) AS e FROM users WHERE id = 1) x;
            """);

        Assert.True(result.ExitCode == 0, $"psql exited with {result.ExitCode}: {result.Error}");
        Assert.DoesNotContain(ClearEmail, result.Output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(ClearSsn, result.Output, StringComparison.Ordinal);
        Assert.Contains("[REDACTED]", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Columns_that_name_no_masked_column_stay_readable()
    {
        var result = await PsqlAsync("disable", "SELECT count(*) AS users_count, max(id) AS last_id FROM users;\n");

        Assert.True(result.ExitCode == 0, $"psql exited with {result.ExitCode}: {result.Error}");
        Assert.DoesNotContain("[REDACTED]", result.Output, StringComparison.Ordinal);
    }

    [Fact(Skip = "gateway gap: a whole-row value (u::text, row_to_json(u)) names no masked column, so its computed column is masked by the content detectors only")]
    public async Task A_masked_column_inside_a_whole_row_value_is_still_masked()
    {
        var result = await PsqlAsync("disable", "SELECT u::text FROM users u WHERE id = 1;\n");

        Assert.True(result.ExitCode == 0, $"psql exited with {result.ExitCode}: {result.Error}");
        Assert.DoesNotContain(ClearEmail, result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(ClearSsn, result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_masked_value_quoted_in_a_server_error_is_masked_too()
    {
        var result = await PsqlAsync("disable", "SELECT email::int FROM users WHERE id = 1;\n");

        Assert.True(result.ExitCode == 3, $"psql exited with {result.ExitCode}, expected 3 (the cast fails); stderr: {result.Error}");
        Assert.Contains("22P02", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(ClearEmail, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(ClearEmail, result.Output, StringComparison.Ordinal);
        AssertRecordingsHoldNoClearValues();
    }

    [Fact]
    public async Task A_denied_statement_stops_the_script_with_exit_code_3_and_names_the_policy()
    {
        var result = await PsqlAsync("disable", """
            SELECT 'before' || ' the drop' AS marker;
            DROP DATABASE postgres;
            SELECT 'after' || ' the drop' AS marker;
            """);

        Assert.True(result.ExitCode == 3, $"psql exited with {result.ExitCode}, expected 3 (ON_ERROR_STOP); stderr: {result.Error}");
        Assert.Contains("before the drop", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("after the drop", result.Output, StringComparison.Ordinal);
        Assert.Contains("42501", result.Error, StringComparison.Ordinal);
        Assert.Contains("production", result.Error, StringComparison.Ordinal);
    }

    private async Task<CommandResult> PsqlAsync(string sslMode, string script)
    {
        Assert.SkipWhen(world.MissingReason is not null, world.MissingReason ?? "");
        var psql = PostgresClientPrograms.Find("psql");
        var file = Path.Combine(Path.GetTempPath(), $"hoop-psql-{Guid.NewGuid():N}.sql");
        await File.WriteAllTextAsync(file, script, Ct);
        try
        {
            return await PostgresClientPrograms.RunAsync(psql,
                ["-h", "127.0.0.1", "-p", world.Gateway.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", TestUsers.Alice,
                 "-d", world.Database, "-v", "ON_ERROR_STOP=1", "-v", "VERBOSITY=verbose", "-X", "-f", file],
                TestUsers.TokenOf(TestUsers.Alice), sslMode, Ct);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Every replay log, finished or still open, is free of the clear values the masking rules hide.</summary>
    private void AssertRecordingsHoldNoClearValues()
    {
        var files = Directory.Exists(world.Recordings) ? Directory.GetFiles(world.Recordings, "*", SearchOption.AllDirectories) : [];
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var text = System.Text.Encoding.UTF8.GetString(ReadShared(file));
            Assert.False(text.Contains(ClearEmail, StringComparison.Ordinal), $"{Path.GetFileName(file)} holds {ClearEmail} in clear");
            Assert.False(text.Contains(ClearSsn, StringComparison.Ordinal), $"{Path.GetFileName(file)} holds {ClearSsn} in clear");
        }
    }

    private static byte[] ReadShared(string file)
    {
        FileStream stream;
        try
        {
            // An open log is still being written by the gateway.
            stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (FileNotFoundException) when (file.EndsWith(".open", StringComparison.Ordinal))
        {
            // Its session ended between listing and reading: the log now has its final name.
            stream = new FileStream(file[..^".open".Length], FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }

        using var owned = stream;
        using var copy = new MemoryStream();
        owned.CopyTo(copy);
        return copy.ToArray();
    }
}

using System.CommandLine;

namespace Hoop.Gateway.Tests;

public sealed class GatewayCommandLineTests
{
    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = GatewayCommandLine.Create().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public void Help_lists_every_option_of_the_contract()
    {
        var (exitCode, output, _) = Run("--help");
        Assert.Equal(0, exitCode);
        foreach (var option in new[] { "--kubeconfig", "--connection", "--listen", "--recordings", "--admin-listen" })
        {
            Assert.Contains(option, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_connection_is_required()
    {
        var (exitCode, _, error) = Run("--listen", "127.0.0.1:5432");
        Assert.Equal(2, exitCode);
        Assert.Contains("--connection NAMESPACE/NAME is required", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("orders-db")]
    [InlineData("payments/")]
    [InlineData("/orders-db")]
    [InlineData("a/b/c")]
    public void A_connection_that_is_not_namespace_slash_name_is_refused(string connection)
    {
        var (exitCode, _, error) = Run("--connection", connection);
        Assert.Equal(2, exitCode);
        Assert.Contains("is not NAMESPACE/NAME", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_listen_address_that_is_not_host_port_is_refused()
    {
        var (exitCode, _, error) = Run("--connection", "payments/orders-db", "--listen", "db.example.com:5432");
        Assert.Equal(2, exitCode);
        Assert.Contains("--listen", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_says_intact_for_a_signed_log_and_broken_after_one_byte_changes()
    {
        var directory = Directory.CreateTempSubdirectory("hoop-verify-").FullName;
        try
        {
            var secret = new byte[32];
            Array.Fill(secret, (byte)7);
            var key = new Hoop.Recording.Chain.ReplayLogKey("test-key", secret);
            var recorder = await Hoop.Recording.Writing.SessionRecorder.StartAsync(
                new Hoop.Recording.Writing.SessionRecorderOptions(directory, key),
                new Hoop.Recording.Records.SessionStartRecord("pg-test-1", "payments/orders-db", "postgres", "alice", [], "kubernetes", "127.0.0.1:5555", "orders", "psql"),
                text => text, TimeProvider.System, TestContext.Current.CancellationToken);
            await recorder.EndAsync("client disconnected", TestContext.Current.CancellationToken);
            await recorder.DisposeAsync();
            var log = recorder.FilePath;
            var keyFile = Path.Combine(directory, "key");
            await File.WriteAllBytesAsync(keyFile, secret, TestContext.Current.CancellationToken);

            var (intact, output, _) = Run("verify", log, "--key-file", keyFile);
            Assert.Equal(0, intact);
            Assert.StartsWith("intact", output, StringComparison.Ordinal);

            var bytes = await File.ReadAllBytesAsync(log, TestContext.Current.CancellationToken);
            bytes[bytes.Length / 2] ^= 1;
            await File.WriteAllBytesAsync(log, bytes, TestContext.Current.CancellationToken);
            var (broken, brokenOutput, _) = Run("verify", log, "--key-file", keyFile);
            Assert.Equal(1, broken);
            Assert.DoesNotContain("intact", brokenOutput, StringComparison.Ordinal);

            Assert.Equal(2, Run("verify", Path.Combine(directory, "missing.jsonl")).ExitCode);
            await File.WriteAllBytesAsync(keyFile, new byte[8], TestContext.Current.CancellationToken);
            Assert.Equal(2, Run("verify", log, "--key-file", keyFile).ExitCode);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}

using System.CommandLine;

namespace Hoop.LocalKube.Tests;

public sealed class LocalKubeCommandLineTests
{
    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = LocalKubeCommandLine.Create().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public void Help_lists_every_option_of_the_contract()
    {
        var (exitCode, output, _) = Run("--help");
        Assert.Equal(0, exitCode);
        foreach (var option in new[] { "--listen", "--data-dir", "--tokens", "--kubeconfig-out", "--kubeconfig-user" })
        {
            Assert.Contains(option, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_listen_address_is_required()
    {
        var (exitCode, _, error) = Run("--tokens", "tokens.csv");
        Assert.NotEqual(0, exitCode);
        Assert.Contains("--listen", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_listen_address_that_is_not_host_and_port_is_refused()
    {
        var tokens = Path.GetTempFileName();
        try
        {
            File.WriteAllText(tokens, "t,alice,uid-alice\n");
            var (exitCode, output, error) = Run("--listen", "localhost", "--tokens", tokens);
            Assert.Equal(2, exitCode);
            Assert.DoesNotContain("ready", output, StringComparison.Ordinal);
            Assert.Contains("--listen must be HOST:PORT", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(tokens);
        }
    }

    [Fact]
    public void A_malformed_token_file_is_refused_with_its_line()
    {
        var tokens = Path.GetTempFileName();
        try
        {
            File.WriteAllText(tokens, "t,alice,uid-alice\nonly-a-token\n");
            var (exitCode, _, error) = Run("--listen", "127.0.0.1:0", "--tokens", tokens);
            Assert.Equal(2, exitCode);
            Assert.Contains("line 2", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(tokens);
        }
    }

    [Fact]
    public void A_kubeconfig_user_without_a_token_is_refused()
    {
        var tokens = Path.GetTempFileName();
        try
        {
            File.WriteAllText(tokens, "t,alice,uid-alice\n");
            var (exitCode, _, error) = Run("--listen", "127.0.0.1:0", "--tokens", tokens, "--kubeconfig-user", "mallory");
            Assert.Equal(2, exitCode);
            Assert.Contains("mallory", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(tokens);
        }
    }
}

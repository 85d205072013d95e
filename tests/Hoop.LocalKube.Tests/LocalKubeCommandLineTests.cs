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
    public void Until_the_api_server_exists_it_refuses_to_start_and_never_prints_ready()
    {
        var (exitCode, output, error) = Run("--listen", "127.0.0.1:6443");
        Assert.NotEqual(0, exitCode);
        Assert.DoesNotContain("ready", output, StringComparison.Ordinal);
        Assert.Contains("refuses to start", error, StringComparison.Ordinal);
    }
}

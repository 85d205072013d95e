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
        Assert.NotEqual(0, exitCode);
        Assert.Contains("--connection", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Until_the_data_path_exists_it_refuses_to_start()
    {
        var (exitCode, _, error) = Run("--connection", "payments/orders-db");
        Assert.NotEqual(0, exitCode);
        Assert.Contains("refuses to start", error, StringComparison.Ordinal);
    }
}

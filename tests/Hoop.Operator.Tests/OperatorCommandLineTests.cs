using System.CommandLine;

namespace Hoop.Operator.Tests;

public sealed class OperatorCommandLineTests
{
    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = OperatorCommandLine.Create().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public void Help_lists_every_option_of_the_contract()
    {
        var (exitCode, output, _) = Run("--help");
        Assert.Equal(0, exitCode);
        foreach (var option in new[] { "--kubeconfig", "--namespace", "--leader-elect", "--webhook-listen", "--webhook-url-base", "--metrics-listen", "--health-listen" })
        {
            Assert.Contains(option, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_unknown_option_is_refused_by_name()
    {
        var (exitCode, _, error) = Run("--leader-elekt");
        Assert.NotEqual(0, exitCode);
        Assert.Contains("--leader-elekt", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--webhook-listen", "9443", "--webhook-listen: '9443' is not HOST:PORT")]
    [InlineData("--health-listen", "example.com:8081", "is not an IP address")]
    [InlineData("--webhook-url-base", "http://127.0.0.1:9443", "must be https")]
    [InlineData("--kubeconfig", "/nonexistent/kubeconfig", "does not exist")]
    public void Bad_options_are_refused_before_anything_starts(string option, string value, string message)
    {
        var (exitCode, _, error) = Run(option, value);
        Assert.Equal(2, exitCode);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }
}

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

    [Fact]
    public void Until_the_reconcilers_exist_it_says_so_and_fails()
    {
        var (exitCode, _, error) = Run("--namespace", "payments");
        Assert.NotEqual(0, exitCode);
        Assert.Contains("not built yet", error, StringComparison.Ordinal);
    }
}

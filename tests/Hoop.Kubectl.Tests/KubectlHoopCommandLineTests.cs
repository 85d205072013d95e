using System.CommandLine;

namespace Hoop.Kubectl.Tests;

public sealed class KubectlHoopCommandLineTests
{
    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = KubectlHoopCommandLine.Create().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public void Version_names_the_plugin_and_the_api_version()
    {
        var (exitCode, output, _) = Run("version");
        Assert.Equal(0, exitCode);
        Assert.StartsWith("kubectl-hoop 0.1.0", output, StringComparison.Ordinal);
        Assert.Contains("(hoop.dev/v1alpha1)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_command_is_refused_by_name()
    {
        var (exitCode, _, error) = Run("aprove", "ar-7f3k");
        Assert.NotEqual(0, exitCode);
        Assert.Contains("aprove", error, StringComparison.Ordinal);
    }
}

using Hoop.Testing.Kubernetes;

namespace Hoop.Kubectl.Tests.Plugin;

/// <summary>Shell completion, including kubectl's own plugin completion (<c>kubectl __complete hoop ...</c>, kubectl 1.26+).</summary>
[Collection(PluginWorldDefinition.Name)]
public sealed class CompletionTests(PluginWorld world)
{
    [Fact]
    public async Task Kubectl_completes_the_plugins_commands_through_kubectl_complete_hoop()
    {
        var script = await world.HoopAsync(TestUsers.Alice, ["completion", "kubectl-plugin"]);
        Assert.Equal(0, script.ExitCode);
        var bin = world.Scratch("completion-bin");
        var path = Path.Combine(bin, "kubectl_complete-hoop");
        await File.WriteAllTextAsync(path, script.Output, TestContext.Current.CancellationToken);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var result = await OneShotKubectl(["__complete", "hoop", "ap"], bin);

        Assert.Contains("approve", result.Output.Split('\n'));
        Assert.DoesNotContain("deny", result.Output.Split('\n'));
    }

    [Fact]
    public async Task Bash_completion_asks_the_executable_for_suggestions()
    {
        var result = await world.HoopAsync(TestUsers.Alice, ["completion", "bash"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("complete -o default -F _kubectl_hoop kubectl-hoop", result.Output, StringComparison.Ordinal);
        Assert.Contains("[suggest:${COMP_POINT}]", result.Output, StringComparison.Ordinal);
    }

    private Task<Hoop.Testing.Processes.CommandResult> OneShotKubectl(string[] arguments, string pathFirst) =>
        Hoop.Testing.Processes.OneShotCommand.ExecuteAsync(Hoop.Testing.Kubernetes.Kubectl.Binary!, arguments, null, world.Environment(TestUsers.Alice, pathFirst), TestContext.Current.CancellationToken);
}

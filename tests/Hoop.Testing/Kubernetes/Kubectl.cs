using System.Diagnostics;
using Hoop.Testing.Processes;

namespace Hoop.Testing.Kubernetes;

/// <summary>
/// Runs the real kubectl against a kubeconfig, with a HOME of its own so its discovery cache never leaks between runs.
/// </summary>
public sealed class Kubectl : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("hoop-test-kubectl-").FullName;
    private readonly string _kubeconfig;

    public Kubectl(string kubeconfig)
    {
        _kubeconfig = kubeconfig;
        if (Binary is null)
        {
            TestEnvironment.SkipUnlessCI("kubectl is not installed (it comes with the machine image; see https://kubernetes.io/docs/tasks/tools/)");
        }
    }

    public static string? Binary { get; } = TestEnvironment.FindExecutable("kubectl", "/usr/bin/kubectl", "/usr/local/bin/kubectl");

    public async Task<KubectlResult> RunAsync(string[] arguments, string? stdin = null, CancellationToken cancellationToken = default)
    {
        var environment = new Dictionary<string, string?> { ["HOME"] = _home, ["KUBECONFIG"] = _kubeconfig, ["KUBERNETES_SERVICE_HOST"] = null };
        var result = await OneShotCommand.ExecuteAsync(Binary!, arguments, stdin, environment, cancellationToken).ConfigureAwait(false);
        return new KubectlResult(result.ExitCode, result.Output, result.Error);
    }

    /// <summary>Starts kubectl and leaves it running (for <c>get -w</c>, <c>wait</c>); the caller reads and stops it.</summary>
    public Process Start(params string[] arguments)
    {
        var start = new ProcessStartInfo(Binary!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["HOME"] = _home;
        start.Environment["KUBECONFIG"] = _kubeconfig;
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }

    public Task<KubectlResult> RunAsync(params string[] arguments) => RunAsync(arguments, null, TestContext.Current.CancellationToken);

    public void Dispose() => Directory.Delete(_home, recursive: true);
}

/// <summary>What a kubectl run printed and how it exited.</summary>
public sealed record KubectlResult(int ExitCode, string Output, string Error)
{
    /// <summary>Fails with kubectl's own words when it did not succeed.</summary>
    public KubectlResult Succeeded()
    {
        Assert.True(ExitCode == 0, $"kubectl exited with {ExitCode}:\n{Error}\n{Output}");
        return this;
    }
}

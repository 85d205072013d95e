using System.Diagnostics;
using System.Text;
using Hoop.Testing;
using Hoop.Testing.Processes;

namespace Hoop.Kubectl.Tests.Walkthrough;

/// <summary>
/// What <c>make run</c> runs (scripts/run.sh), started with the executables of this test's build, and the walkthrough it
/// printed: the command lines (<c>  $ ...</c>) in the order a newcomer pastes them. Stopped with SIGTERM, as Ctrl-C
/// would, so the script's own cleanup runs.
/// </summary>
internal sealed class MakeRunStack : IAsyncDisposable
{
    private readonly Process _script;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _errors = new();

    private MakeRunStack(Process script)
    {
        _script = script;
        _script.OutputDataReceived += (_, e) => Append(_output, e.Data);
        _script.ErrorDataReceived += (_, e) => Append(_errors, e.Data);
        _script.BeginOutputReadLine();
        _script.BeginErrorReadLine();
    }

    public string Printed => Read(_output);

    /// <summary>The lines after <c>$ </c>, in order.</summary>
    public IReadOnlyList<string> Commands =>
        [.. Printed.Split('\n').Select(l => l.TrimStart()).Where(l => l.StartsWith("$ ", StringComparison.Ordinal)).Select(l => l[2..])];

    public static async Task<MakeRunStack> StartAsync(CancellationToken cancellationToken)
    {
        foreach (var (tool, where) in new[] { ("psql", "/usr/bin/psql"), ("kubectl", "/usr/bin/kubectl"), ("setpriv", "/usr/bin/setpriv") })
        {
            if (TestEnvironment.FindExecutable(tool, where) is null)
            {
                TestEnvironment.SkipUnlessCI($"{tool} is not installed (make deps installs PostgreSQL's clients; kubectl comes with the machine)");
            }
        }

        if (!File.Exists("/usr/lib/postgresql/15/bin/postgres"))
        {
            TestEnvironment.SkipUnlessCI("PostgreSQL 15 is not installed (make deps installs it)");
        }

        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = RepositoryFiles.Root };
        start.ArgumentList.Add(RepositoryFiles.PathOf("scripts/run.sh"));
        start.Environment["HOOP_BIN"] = AppContext.BaseDirectory.TrimEnd('/');
        start.Environment["KUBERNETES_SERVICE_HOST"] = null;
        var stack = new MakeRunStack(Process.Start(start)!);
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (!stack.Printed.Contains("walkthrough ready", StringComparison.Ordinal))
        {
            if (stack._script.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"scripts/run.sh did not print its walkthrough:\n{stack.Printed}\n{Read(stack._errors)}");
            }

            await Task.Delay(200, cancellationToken);
        }

        return stack;
    }

    /// <summary>Runs one printed command line in bash, after the printed <c>source</c> line, as a newcomer's shell would.</summary>
    public Task<CommandResult> RunAsync(string command, CancellationToken cancellationToken) =>
        OneShotCommand.ExecuteAsync("bash", ["-c", Commands[0] + "\n" + command], null,
            new Dictionary<string, string?> { ["KUBECONFIG"] = null, ["KUBERNETES_SERVICE_HOST"] = null, ["NO_COLOR"] = "1" }, cancellationToken);

    /// <summary>SIGTERM, then the script's exit code; it stops everything it started and removes its directory.</summary>
    public async Task<int> StopAsync()
    {
        if (!_script.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _script.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
            await _script.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }

        return _script.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (TimeoutException)
        {
            _script.Kill(entireProcessTree: true);
        }

        _script.Dispose();
    }

    private static void Append(StringBuilder text, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (text)
        {
            text.Append(line).Append('\n');
        }
    }

    private static string Read(StringBuilder text)
    {
        lock (text)
        {
            return text.ToString();
        }
    }
}

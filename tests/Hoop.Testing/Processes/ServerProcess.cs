using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Hoop.Testing.Processes;

/// <summary>
/// A throwaway server started from a start script in its own scratch directory, under the watchdog
/// (<c>watchdog.sh</c>) that stops it and removes the directory when this process ends, however it ends.
/// </summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    private const int SigTerm = 15;
    private static readonly Lazy<string> WatchdogScript = new(ReadWatchdogScript);

    private readonly Process _watchdog;

    private ServerProcess(Process watchdog, int serverPid, string scratchDirectory, string logFile)
    {
        _watchdog = watchdog;
        ServerPid = serverPid;
        ScratchDirectory = scratchDirectory;
        LogFile = logFile;
    }

    /// <summary>The server's process id (its process group leader).</summary>
    public int ServerPid { get; }

    public string ScratchDirectory { get; }

    public string LogFile { get; }

    public bool IsRunning => IsAlive(ServerPid);

    /// <summary>Creates a scratch directory, private to this server, for its data, sockets, keys and log.</summary>
    public static string CreateScratchDirectory(string kind) =>
        Directory.CreateTempSubdirectory($"hoop-test-{kind}-").FullName;

    /// <summary>
    /// Runs <paramref name="script"/> (POSIX sh, ending in <c>exec server ...</c>) as <paramref name="runAs"/>,
    /// stopped with <paramref name="stopSignal"/> (e.g. INT for PostgreSQL's fast shutdown).
    /// </summary>
    public static async Task<ServerProcess> StartAsync(string scratchDirectory, string script, string stopSignal, ServiceAccount? runAs, CancellationToken cancellationToken)
    {
        var scriptFile = Path.Combine(scratchDirectory, "start.sh");
        var logFile = Path.Combine(scratchDirectory, "server.log");
        await File.WriteAllTextAsync(scriptFile, "set -e\n" + script + "\n", cancellationToken).ConfigureAwait(false);
        if (runAs is not null)
        {
            await runAs.GiveOwnershipAsync(scratchDirectory, cancellationToken).ConfigureAwait(false);
        }

        // setsid: the watchdog leaves the test run's process group, so a kill aimed at the whole run cannot take it
        // down before it has cleaned up. setpriv --pdeathsig: should the watchdog itself be killed, the kernel kills
        // the server with it.
        var start = new ProcessStartInfo("setsid")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        string[] watchdogArguments =
        [
            "bash", "-c", WatchdogScript.Value, "watchdog",
            Environment.ProcessId.ToString(CultureInfo.InvariantCulture), stopSignal, scratchDirectory, logFile, "--",
            "setpriv", "--pdeathsig=KILL", .. runAs?.SetprivOptions ?? [], "--", "/bin/sh", scriptFile,
        ];
        foreach (var argument in watchdogArguments)
        {
            start.ArgumentList.Add(argument);
        }

        var watchdog = Process.Start(start) ?? throw new InvalidOperationException("could not start the server watchdog (bash)");
        var firstLine = await watchdog.StandardOutput.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        if (firstLine is null || !firstLine.StartsWith("pid ", StringComparison.Ordinal))
        {
            watchdog.Kill();
            watchdog.Dispose();
            throw new InvalidOperationException($"the server watchdog did not report a server pid (got '{firstLine}')");
        }

        return new ServerProcess(watchdog, int.Parse(firstLine[4..], CultureInfo.InvariantCulture), scratchDirectory, logFile);
    }

    /// <summary>
    /// Waits until <paramref name="probe"/> succeeds. Fails with the log's tail when the server exits first or
    /// does not come up in time; <see cref="PortInUseException"/> when it lost its port to someone else.
    /// </summary>
    public async Task WaitUntilReadyAsync(Func<CancellationToken, Task<bool>> probe, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(probe);
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (!IsRunning)
            {
                var log = ReadLogTail();
                if (log.Contains("Address already in use", StringComparison.Ordinal))
                {
                    throw new PortInUseException(log);
                }

                throw new InvalidOperationException($"the server exited during start-up; its log ends with:\n{log}");
            }

            try
            {
                if (await probe(cancellationToken).ConfigureAwait(false))
                {
                    return;
                }
            }
#pragma warning disable CA1031 // Any failure of the probe means "not ready yet"; the deadline bounds it.
            catch (Exception) when (!cancellationToken.IsCancellationRequested && deadline.Elapsed < timeout)
#pragma warning restore CA1031
            {
            }

            if (deadline.Elapsed >= timeout)
            {
                throw new TimeoutException($"the server was not ready after {timeout.TotalSeconds:0} s; its log ends with:\n{ReadLogTail()}");
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }

    public string ReadLogTail(int lines = 30)
    {
        try
        {
            return string.Join('\n', File.ReadLines(LogFile).TakeLast(lines));
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }

    /// <summary>Stops the server through its watchdog, which also removes the scratch directory.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_watchdog.HasExited)
        {
            _ = Kill(_watchdog.Id, SigTerm);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _watchdog.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _watchdog.Kill();
            }
        }

        _watchdog.Dispose();
        // The watchdog removes it; it is only still here when the watchdog itself was killed.
        if (Directory.Exists(ScratchDirectory))
        {
            Directory.Delete(ScratchDirectory, recursive: true);
        }
    }

    /// <summary>The id of the watchdog supervising the server.</summary>
    public int WatchdogPid => _watchdog.Id;

    /// <summary>True while the process exists and is not a zombie.</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..][0];
            return state is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static string ReadWatchdogScript()
    {
        using var stream = typeof(ServerProcess).Assembly.GetManifestResourceStream("watchdog.sh")
            ?? throw new InvalidOperationException("watchdog.sh is not embedded in Hoop.Testing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}

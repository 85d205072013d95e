using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace Hoop.Kube.Hosting;

/// <summary>
/// How a hoop process runs once its options are read: one log line per event on the console (UTC), SIGTERM stops it
/// gracefully (exit 0), and an unexpected failure is its last word on stderr with exit 1, so the kubelet restarts it.
/// </summary>
internal static class ProcessRunner
{
    public static async Task<int> RunAsync(string name, TextWriter error, Func<ILoggerFactory, CancellationToken, Task> run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(run);
        using var loggerFactory = LoggerFactory.Create(logging => logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            console.UseUtcTimestamp = true;
        }));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        try
        {
            await run(loggerFactory, stop.Token).ConfigureAwait(false);
            return 0;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return 0;
        }
#pragma warning disable CA1031 // The process's last word: say what stopped it, and exit non-zero so the kubelet restarts it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            await error.WriteLineAsync($"{name}: stopped: {e.Message}").ConfigureAwait(false);
            return 1;
        }
    }
}

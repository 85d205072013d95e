using System.Diagnostics;

namespace Hoop.Testing.Processes;

/// <summary>Runs a short setup command (ssh-keygen, useradd, chown) and fails loudly with its output.</summary>
public static class OneShotCommand
{
    /// <summary>Runs the command and fails with its output when it exits non-zero.</summary>
    public static async Task<string> RunAsync(string file, IEnumerable<string> arguments, string? stdin = null, CancellationToken cancellationToken = default)
    {
        var list = arguments.ToList();
        var result = await ExecuteAsync(file, list, stdin, null, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} {string.Join(' ', list)} exited with {result.ExitCode}: {(result.Output + result.Error).Trim()}");
        }

        return result.Output + result.Error;
    }

    /// <summary>Runs the command (for at most a minute) and returns how it exited and what it printed.</summary>
    public static async Task<CommandResult> ExecuteAsync(string file, IEnumerable<string> arguments, string? stdin, IReadOnlyDictionary<string, string?>? environment, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin).ConfigureAwait(false);
        }

        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(1));
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(file)} {string.Join(' ', start.ArgumentList)} did not finish within a minute");
        }

        return new CommandResult(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }
}

/// <summary>How a command exited and what it printed.</summary>
public sealed record CommandResult(int ExitCode, string Output, string Error);

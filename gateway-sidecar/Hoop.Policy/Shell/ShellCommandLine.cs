namespace Hoop.Policy.Shell;

/// <summary>
/// Reads a POSIX shell command line (what sshd hands to <c>sh -c</c>) and lists every simple command it can run,
/// seeing through quoting, substitutions, compound commands and wrappers (<c>sudo</c>, <c>sh -c</c>, <c>xargs</c>, ...).
/// When something cannot be seen through, the result says so instead of guessing; policy treats that as unknown.
/// </summary>
/// <remarks>
/// The parser reasons about the text only. It cannot see what state on the target adds: functions and aliases from
/// dotfiles, <c>PATH</c>, <c>BASH_ENV</c>, variables that hold code, or programs that run commands from their own input
/// (interpreters, <c>awk</c>, <c>git -c</c>, <c>tar --to-command</c>). Rules should treat such programs as opaque.
/// </remarks>
public static class ShellCommandLine
{
    /// <summary>The longest command line analysed; longer ones are reported incomplete.</summary>
    public const int MaxLength = 256 * 1024;

    /// <summary>Parses <paramref name="commandLine"/>; never throws.</summary>
    public static ShellParseResult Parse(string commandLine)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        if (commandLine.Length > MaxLength)
        {
            return new ShellParseResult
            {
                Commands = [],
                Incomplete = $"the command line is {commandLine.Length} characters long; at most {MaxLength} are analysed.",
            };
        }

        if (commandLine.Contains('\0', StringComparison.Ordinal))
        {
            // sshd passes the command as a C string: a NUL would cut it short, and what follows would be unseen.
            return new ShellParseResult { Commands = [], Incomplete = "the command line contains a NUL character." };
        }

        var session = new ShellParseSession(budget: 4L * MaxLength);
        try
        {
            ShellParser.ParseNested(commandLine, session, depth: 0);
        }
        catch (Exception e) when (e is InsufficientExecutionStackException or ArgumentException or IndexOutOfRangeException)
        {
            // A defect must never turn into "nothing to see": report it as a parse that could not finish.
            session.Abort("the command line could not be analysed (" + e.GetType().Name + ").");
        }

        return new ShellParseResult { Commands = session.Commands.ToArray(), Incomplete = session.Incomplete };
    }
}

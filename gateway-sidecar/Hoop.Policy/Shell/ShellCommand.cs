namespace Hoop.Policy.Shell;

/// <summary>One simple command a shell command line runs, after quote removal, as policy rules see it.</summary>
public sealed class ShellCommand
{
    /// <summary>The words of the command after quote removal; prefix assignments and redirections are not part of it.</summary>
    public required IReadOnlyList<string> Argv { get; init; }

    /// <summary>
    /// The command as written: a slice of the command line, or of the string a wrapper handed to a nested shell
    /// (<c>sh -c '...'</c>, <c>eval</c>, backticks), from its first word to its last.
    /// </summary>
    public required string Text { get; init; }

    /// <summary>0 for a command written directly; one more for each wrapper, substitution or nested shell it runs inside.</summary>
    public required int Depth { get; init; }

    /// <summary>
    /// False when some argument is only known at run time: an expansion (<c>$X</c>, <c>$(...)</c>), the file names
    /// <c>find -exec</c> substitutes, the words <c>xargs</c> appends. The command name itself is always known,
    /// or the whole parse is incomplete.
    /// </summary>
    public required bool ArgvComplete { get; init; }

    /// <summary>The program name: the last path segment of <c>Argv[0]</c>, so <c>/bin/rm</c> and <c>rm</c> match alike.</summary>
    public string Name => ProgramName(Argv.Count == 0 ? "" : Argv[0]);

    /// <summary>
    /// The text command globs match: <see cref="Name"/> and the remaining arguments joined by single spaces
    /// (<c>/bin/rm  -rf  "/"</c> becomes <c>rm -rf /</c>).
    /// </summary>
    public string CanonicalText => Argv.Count <= 1 ? Name : Name + " " + string.Join(' ', Argv.Skip(1));

    public override string ToString() => CanonicalText;

    internal static string ProgramName(string word)
    {
        var trimmed = word.TrimEnd('/');
        var slash = trimmed.LastIndexOf('/');
        return slash < 0 ? word : trimmed[(slash + 1)..];
    }
}

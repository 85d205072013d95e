namespace Hoop.Policy.Shell;

/// <summary>What a shell command line runs, and whether all of it could be seen.</summary>
public sealed class ShellParseResult
{
    /// <summary>
    /// Every simple command found, in the order they were read: wrappers and the commands they run
    /// (<c>sudo rm x</c> and <c>rm x</c>), and the commands inside substitutions and nested shells.
    /// </summary>
    public required IReadOnlyList<ShellCommand> Commands { get; init; }

    /// <summary>
    /// Why the command line may run commands that are not in <see cref="Commands"/>; null when everything was seen.
    /// </summary>
    public string? Incomplete { get; init; }

    /// <summary>True when <see cref="Commands"/> holds everything the command line can run.</summary>
    public bool Complete => Incomplete is null;
}

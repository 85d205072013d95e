namespace Hoop.Policy.Shell;

/// <summary>State shared by a command line and every nested text parsed for it (substitutions, <c>sh -c</c>, <c>eval</c>).</summary>
internal sealed class ShellParseSession(long budget)
{
    /// <summary>How deep substitutions, nested shells and wrappers may nest before the parse gives up.</summary>
    public const int MaxDepth = 32;

    /// <summary>How deep subshells and compound commands may nest.</summary>
    public const int MaxNesting = 256;

    /// <summary>How many commands one command line may report.</summary>
    public const int MaxCommands = 4096;

    private long _budget = budget;

    public List<ShellCommand> Commands { get; } = [];

    public string? Incomplete { get; private set; }

    /// <summary>Set when parsing stopped early; every loop checks it so the parse always ends.</summary>
    public bool Aborted { get; private set; }

    public void MarkIncomplete(string reason) => Incomplete ??= reason;

    public void Abort(string reason)
    {
        MarkIncomplete(reason);
        Aborted = true;
    }

    /// <summary>Charges the characters of a nested text; false (and aborted) when the command line costs too much.</summary>
    public bool Spend(int characters)
    {
        _budget -= characters;
        if (_budget < 0)
        {
            Abort("the command line nests too much text (substitutions, nested shells) to be analysed.");
        }

        return !Aborted;
    }

    public void Add(ShellCommand command)
    {
        if (Commands.Count >= MaxCommands)
        {
            Abort($"the command line runs more than {MaxCommands} commands.");
            return;
        }

        Commands.Add(command);
    }
}

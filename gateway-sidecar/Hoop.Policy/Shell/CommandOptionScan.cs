namespace Hoop.Policy.Shell;

/// <summary>The options found before a wrapper's operands, and where the operands are.</summary>
internal sealed class CommandOptionScan
{
    public List<CommandOption> Options { get; } = [];

    /// <summary>Indexes of the operand words, in order.</summary>
    public List<int> Operands { get; } = [];

    /// <summary>An option the syntax does not know (or cannot see), after which nothing is certain.</summary>
    public string? Unknown { get; set; }

    public bool Has(params string[] names) => Options.Exists(o => names.Contains(o.Name));

    public CommandOption? Find(params string[] names) => Options.Find(o => names.Contains(o.Name));
}

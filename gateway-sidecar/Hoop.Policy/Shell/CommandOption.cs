namespace Hoop.Policy.Shell;

/// <summary>One option of a wrapper command: its name without dashes, its value, and the word that carried the value.</summary>
internal sealed record CommandOption(string Name, string? Value, ShellWord Word);

namespace Hoop.Policy.Shell;

/// <summary>What the shell still does to a word after quote removal.</summary>
[Flags]
internal enum ShellWordTraits
{
    None = 0,
    Quoted = 1,
    Expansion = 2,
    Pattern = 4,
}

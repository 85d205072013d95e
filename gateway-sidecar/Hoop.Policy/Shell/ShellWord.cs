namespace Hoop.Policy.Shell;

/// <summary>One word of a command line: its value after quote removal and what the shell would still do to it.</summary>
internal sealed class ShellWord(string value, int start, int end, ShellWordTraits traits)
{
    /// <summary>The value after quote removal; expansions stay as written (<c>$HOME</c>, <c>$(date)</c>).</summary>
    public string Value { get; } = value;

    /// <summary>Where the word starts in the text it was read from.</summary>
    public int Start { get; } = start;

    /// <summary>Where the word ends (exclusive) in the text it was read from.</summary>
    public int End { get; } = end;

    public ShellWordTraits Traits { get; } = traits;

    /// <summary>The value depends on the run-time environment (parameter, command or arithmetic expansion).</summary>
    public bool HasExpansion => (Traits & ShellWordTraits.Expansion) != 0;

    /// <summary>The shell would turn the word into other words (pathname or brace expansion).</summary>
    public bool HasPattern => (Traits & ShellWordTraits.Pattern) != 0;

    /// <summary>Some part of the word was quoted or escaped, so it can never be a reserved word.</summary>
    public bool IsQuoted => (Traits & ShellWordTraits.Quoted) != 0;

    /// <summary>The value is decided at run time, not by the text: what cannot be a known command name.</summary>
    public bool IsComputed => HasExpansion || HasPattern;

    /// <summary>True when the word is exactly <paramref name="reserved"/>, unquoted.</summary>
    public bool IsReserved(string reserved) => !IsQuoted && !IsComputed && Value == reserved;
}

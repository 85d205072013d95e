namespace Hoop.Testing.Processes;

/// <summary>Builds POSIX sh command lines whose arguments survive any character.</summary>
public static class ShellScript
{
    public static string Quote(string argument)
    {
        ArgumentNullException.ThrowIfNull(argument);
        return "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    public static string Command(params string[] argv) => string.Join(' ', argv.Select(Quote));
}

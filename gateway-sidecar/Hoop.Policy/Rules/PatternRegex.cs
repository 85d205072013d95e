using System.Text.RegularExpressions;

namespace Hoop.Policy.Rules;

/// <summary>
/// Compiles a rule's SQL pattern with the non-backtracking engine: matching stays linear in the statement's length
/// whatever the pattern (no catastrophic backtracking on hostile SQL), which is why lookarounds and backreferences,
/// absent from RE2 too, are refused.
/// </summary>
internal static class PatternRegex
{
    public static bool TryCompile(string? pattern, out Regex? regex, out string? error)
    {
        regex = null;
        error = null;
        if (string.IsNullOrEmpty(pattern))
        {
            error = "a pattern is empty; write a regular expression such as (?i)^DROP\\b";
            return false;
        }

        try
        {
            regex = new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
            return true;
        }
        catch (NotSupportedException e)
        {
            error = $"pattern '{pattern}' uses a construct RE2 does not support (lookarounds, backreferences, atomic groups): {e.Message}";
        }
        catch (ArgumentException e)
        {
            error = $"pattern '{pattern}' is not a valid regular expression: {e.Message}";
        }

        return false;
    }
}

using System.Text;
using System.Text.RegularExpressions;

namespace Hoop.Policy.Matching;

/// <summary>
/// A shell-style glob, as used by policy rules for tables (<c>users.card_*</c>), commands and HTTP paths.
/// <c>*</c> matches any run of characters within one segment, <c>**</c> any run across segments,
/// <c>?</c> one character of a segment, <c>[abc]</c>, <c>[a-z]</c> and <c>[!x]</c> one character of a set;
/// a backslash makes the next character literal. Segments are split by <see cref="Separator"/>.
/// </summary>
public sealed class GlobPattern
{
    private readonly Regex _regex;

    private GlobPattern(string pattern, char separator, Regex regex)
    {
        Pattern = pattern;
        Separator = separator;
        _regex = regex;
    }

    public string Pattern { get; }

    public char Separator { get; }

    public bool IsMatch(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return _regex.IsMatch(value);
    }

    /// <summary>Parses a glob; on failure returns false and an error a policy author can act on.</summary>
    public static bool TryParse(string pattern, char separator, bool ignoreCase, out GlobPattern? glob, out string? error)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        glob = null;
        error = Translate(pattern, separator, out var regex);
        if (error is not null)
        {
            return false;
        }

        var options = RegexOptions.CultureInvariant | RegexOptions.NonBacktracking;
        if (ignoreCase)
        {
            options |= RegexOptions.IgnoreCase;
        }

        glob = new GlobPattern(pattern, separator, new Regex(regex, options));
        return true;
    }

    public static GlobPattern Parse(string pattern, char separator = '.', bool ignoreCase = false) =>
        TryParse(pattern, separator, ignoreCase, out var glob, out var error)
            ? glob!
            : throw new FormatException(error);

    public override string ToString() => Pattern;

    private static string? Translate(string pattern, char separator, out string regex)
    {
        var notSeparator = "[^" + Regex.Escape(separator.ToString()) + "]";
        var sb = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*' when i + 1 < pattern.Length && pattern[i + 1] == '*':
                    sb.Append(".*");
                    i++;
                    break;
                case '*':
                    sb.Append(notSeparator).Append('*');
                    break;
                case '?':
                    sb.Append(notSeparator);
                    break;
                case '\\':
                    if (i + 1 == pattern.Length)
                    {
                        regex = "";
                        return $"glob '{pattern}' ends with a lone backslash; write '\\\\' for a literal backslash.";
                    }

                    sb.Append(Regex.Escape(pattern[++i].ToString()));
                    break;
                case '[':
                    // A ']' right after '[' (or after '[!') is a member of the set, as in the shell.
                    var first = i + 1 < pattern.Length && pattern[i + 1] is '!' or '^' ? i + 2 : i + 1;
                    var close = first < pattern.Length ? pattern.IndexOf(']', first + 1) : -1;
                    if (close < 0)
                    {
                        regex = "";
                        return $"glob '{pattern}' has a '[' at position {i + 1} without a closing ']'.";
                    }

                    sb.Append(TranslateSet(pattern.AsSpan(i + 1, close - i - 1)));
                    i = close;
                    break;
                default:
                    sb.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        regex = sb.Append('$').ToString();
        return null;
    }

    private static string TranslateSet(ReadOnlySpan<char> set)
    {
        var sb = new StringBuilder("[");
        if (set[0] is '!' or '^')
        {
            sb.Append('^');
            set = set[1..];
        }

        foreach (var c in set)
        {
            // Inside a class only these have meaning to the regex engine; '-' keeps its range meaning.
            if (c is '\\' or '[' or ']' or '^')
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.Append(']').ToString();
    }
}

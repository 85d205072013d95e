using Hoop.Api.V1Alpha1;
using Hoop.Policy.Matching;

namespace Hoop.Policy.Rules;

/// <summary>
/// A compiled <see cref="SshMatch"/>. Command globs match each simple command's argv joined by single spaces; <c>*</c>
/// matches any text, slashes included. A loose match also tries the command by its base name (<c>/bin/rm</c> as
/// <c>rm</c>), so a Deny on <c>rm *</c> also stops <c>/usr/bin/rm -rf /</c>; an Allow must match the command as written.
/// </summary>
internal sealed class SshRuleMatch(IReadOnlyList<GlobPattern>? commands, bool? interactive)
{
    /// <summary>NUL cannot occur in an argv, so a glob's <c>*</c> spans the whole command line.</summary>
    public const char GlobSeparator = '\0';

    public bool Matches(SshCommandFacts operation, MatchBreadth breadth)
    {
        if (interactive is { } wanted && wanted != operation.Interactive)
        {
            return false;
        }

        if (commands is null)
        {
            return true;
        }

        if (operation.Interactive)
        {
            return false;
        }

        return breadth switch
        {
            MatchBreadth.Strict => operation.Complete && operation.Commands.Count > 0
                && operation.Commands.All(argv => commands.Any(g => g.IsMatch(string.Join(' ', argv)))),
            _ => !operation.Complete || operation.Commands.Any(argv => Forms(argv).Any(text => commands.Any(g => g.IsMatch(text)))),
        };
    }

    private static IEnumerable<string> Forms(IReadOnlyList<string> argv)
    {
        var written = string.Join(' ', argv);
        yield return written;
        if (argv.Count > 0)
        {
            var slash = argv[0].LastIndexOf('/');
            if (slash >= 0 && slash < argv[0].Length - 1)
            {
                yield return string.Join(' ', argv.Skip(1).Prepend(argv[0][(slash + 1)..]));
            }
        }
    }
}

namespace Hoop.Policy.Shell;

/// <summary>
/// Reports a simple command and sees through commands that run other commands: nested shells (<c>sh -c</c>),
/// <c>eval</c>, <c>trap</c>, privilege and process wrappers (<c>sudo</c>, <c>env</c>, <c>timeout</c>, ...), <c>xargs</c>,
/// <c>find -exec</c> and <c>ssh host cmd</c>. Both the wrapper and the command it runs are reported.
/// </summary>
internal static partial class CommandWrappers
{
    private static readonly HashSet<string> Shells =
        ["sh", "bash", "zsh", "dash", "ksh", "mksh", "ash", "yash", "posh", "rbash", "lksh", "pdksh", "ksh93", "csh", "tcsh", "fish"];

    private static readonly HashSet<string> SubscriptEvaluators =
        ["declare", "typeset", "local", "export", "readonly", "let", "unset", "read", "mapfile", "readarray", "wait"];

    private static readonly CommandOptionSyntax Sudo = new(
        "CDgpRrTtUu", "ABbEeHiKklNnPSsVv",
        "close-from chdir group prompt chroot role type command-timeout other-user user",
        "askpass bell background preserve-env edit set-home login remove-timestamp reset-timestamp list non-interactive preserve-groups stdin shell validate version no-update help");

    private static readonly CommandOptionSyntax Doas = new("uC", "nsL");

    private static readonly CommandOptionSyntax Env = new(
        "uCS", "i0v", "unset chdir split-string",
        "ignore-environment null debug list-signal-handling block-signal default-signal ignore-signal");

    private static readonly CommandOptionSyntax Nice = new("n", "", "adjustment", "", numericFlags: true);
    private static readonly CommandOptionSyntax NoOptions = new("", "");
    private static readonly CommandOptionSyntax Timeout = new("sk", "v", "signal kill-after", "preserve-status foreground verbose");
    private static readonly CommandOptionSyntax Time = new("fo", "apvq", "format output", "append portability verbose quiet");
    private static readonly CommandOptionSyntax Command = new("", "pvV");
    private static readonly CommandOptionSyntax Exec = new("a", "cl");
    private static readonly CommandOptionSyntax Setsid = new("", "cfw", "", "ctty fork wait");
    private static readonly CommandOptionSyntax Stdbuf = new("ioe", "", "input output error");
    private static readonly CommandOptionSyntax Ionice = new("cnpPu", "t", "class classdata pid pgid uid", "ignore");
    private static readonly CommandOptionSyntax Chroot = new("", "", "userspec groups", "skip-chdir");

    private static readonly CommandOptionSyntax Xargs = new(
        "adEILnPs", "0rtpxo", "arg-file delimiter max-args max-procs max-chars process-slot-var",
        "null no-run-if-empty verbose interactive exit open-tty show-limits max-lines replace eof", shortWithAttachedValue: "eil");

    private static readonly CommandOptionSyntax Su = new(
        "csgGw", "lmpPf", "command session-command shell group supp-group whitelist-environment",
        "login preserve-environment pty fast", permute: true);

    private static readonly CommandOptionSyntax Ssh = new("BbcDEeFIiJLlmOopQRSWw", "46AaCfGgKkMNnqsTtVvXxYy");
    private static readonly CommandOptionSyntax Watch = new("n", "dtbegcxpwrC", "interval", "differences no-title beep errexit chgexit color exec precise no-wrap no-rerun");

    /// <summary>Reports <paramref name="words"/> as a command at <paramref name="depth"/>, then what it runs.</summary>
    public static void Report(IReadOnlyList<ShellWord> words, string source, int depth, ShellParseSession session, bool argvComplete)
    {
        if (words.Count == 0 || session.Aborted)
        {
            return;
        }

        if (depth > ShellParseSession.MaxDepth)
        {
            session.Abort($"commands nest more than {ShellParseSession.MaxDepth} levels deep.");
            return;
        }

        var first = words[0];
        session.Add(new ShellCommand
        {
            Argv = words.Select(w => w.Value).ToArray(),
            Text = source[first.Start..words[^1].End],
            Depth = depth,
            ArgvComplete = argvComplete && !words.Any(w => w.HasExpansion),
        });
        if (first.IsComputed)
        {
            session.MarkIncomplete($"the command name '{source[first.Start..first.End]}' is only known at run time.");
            return;
        }

        SeeThrough(words, source, depth, session);
    }

    private static void SeeThrough(IReadOnlyList<ShellWord> words, string source, int depth, ShellParseSession session)
    {
        var name = ShellCommand.ProgramName(words[0].Value);
        if (Shells.Contains(name))
        {
            NestedShell(words, depth, session, name);
            return;
        }

        if (SubscriptEvaluators.Contains(name) || (name is "printf" or "test" or "[" && words.Any(w => w.Value == "-v")))
        {
            if (words.Skip(1).Any(w => w.Value.Split('=')[0].Contains('[', StringComparison.Ordinal)))
            {
                session.MarkIncomplete($"'{name}' evaluates an array subscript, which can run commands hidden in a variable.");
            }
        }

        switch (name)
        {
            case "eval":
                ParseJoined(words, 1, depth, session, "eval");
                return;
            case "trap":
                Trap(words, depth, session);
                return;
            case "source" or ".":
                session.MarkIncomplete($"'{name}' runs commands from a file, which cannot be seen.");
                return;
            case "alias" when words.Count > 1:
                session.MarkIncomplete("'alias' changes what later command names mean.");
                return;
            case "sudo":
                Wrapped(words, source, depth, session, Sudo, 0, stopIf: ["e", "edit", "l", "list", "v", "validate", "k", "K", "V", "version", "help"]);
                return;
            case "doas":
                Wrapped(words, source, depth, session, Doas, 0, stopIf: ["C", "s", "L"]);
                return;
            case "env":
                EnvCommand(words, source, depth, session);
                return;
            case "nice":
                Wrapped(words, source, depth, session, Nice, 0);
                return;
            case "nohup" or "builtin" or "busybox":
                Wrapped(words, source, depth, session, NoOptions, 0);
                return;
            case "timeout":
                Wrapped(words, source, depth, session, Timeout, 1);
                return;
            case "time":
                Wrapped(words, source, depth, session, Time, 0);
                return;
            case "command":
                Wrapped(words, source, depth, session, Command, 0, stopIf: ["v", "V"]);
                return;
            case "exec":
                Wrapped(words, source, depth, session, Exec, 0);
                return;
            case "setsid":
                Wrapped(words, source, depth, session, Setsid, 0);
                return;
            case "stdbuf":
                Wrapped(words, source, depth, session, Stdbuf, 0);
                return;
            case "ionice":
                Wrapped(words, source, depth, session, Ionice, 0, stopIf: ["p", "P", "u", "pid", "pgid", "uid"]);
                return;
            case "chroot":
                Wrapped(words, source, depth, session, Chroot, 1);
                return;
            case "xargs":
                Wrapped(words, source, depth, session, Xargs, 0, argvComplete: false);
                return;
            case "find":
                FindExec(words, source, depth, session);
                return;
            case "su" or "runuser":
                SuCommand(words, depth, session, name);
                return;
            case "ssh":
                SshCommand(words, depth, session);
                return;
            case "watch":
                WatchCommand(words, source, depth, session);
                return;
            default:
                return;
        }
    }

    /// <summary>
    /// A wrapper whose command follows its options and <paramref name="skipOperands"/> operands
    /// (<c>timeout 5 cmd</c>, <c>chroot /srv cmd</c>).
    /// </summary>
    private static void Wrapped(
        IReadOnlyList<ShellWord> words,
        string source,
        int depth,
        ShellParseSession session,
        CommandOptionSyntax syntax,
        int skipOperands,
        string[]? stopIf = null,
        bool argvComplete = true)
    {
        var name = ShellCommand.ProgramName(words[0].Value);
        var scan = syntax.Scan(words, 1);
        if (scan.Unknown is not null)
        {
            session.MarkIncomplete($"'{name}' has the option '{scan.Unknown}', so the command it runs cannot be found.");
            return;
        }

        if (stopIf is not null && scan.Has(stopIf))
        {
            return;
        }

        if (scan.Operands.Count == 0)
        {
            return;
        }

        var first = scan.Operands[0];
        for (var i = first; i < first + skipOperands && i < words.Count; i++)
        {
            if (words[i].IsComputed)
            {
                session.MarkIncomplete($"'{name}' has the computed operand '{words[i].Value}', so the command it runs cannot be found.");
                return;
            }
        }

        RunInner(words, first + skipOperands, source, depth, session, argvComplete);
    }

    private static void RunInner(IReadOnlyList<ShellWord> words, int start, string source, int depth, ShellParseSession session, bool argvComplete)
    {
        if (start < words.Count)
        {
            Report(words.Skip(start).ToArray(), source, depth + 1, session, argvComplete);
        }
    }

}

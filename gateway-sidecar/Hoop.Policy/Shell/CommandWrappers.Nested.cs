namespace Hoop.Policy.Shell;

/// <summary>Wrappers whose command is not simply the words after their options: nested shells, <c>env</c>, <c>find</c>, <c>su</c>, <c>ssh</c>.</summary>
internal static partial class CommandWrappers
{
    private static void EnvCommand(IReadOnlyList<ShellWord> words, string source, int depth, ShellParseSession session)
    {
        var start = 1;
        while (start < words.Count && words[start].Value == "-")
        {
            start++;
        }

        var scan = Env.Scan(words, start);
        if (scan.Unknown is not null || scan.Has("S", "split-string"))
        {
            session.MarkIncomplete($"'env' has the option '{scan.Unknown ?? "-S"}', so the command it runs cannot be found.");
            return;
        }

        if (scan.Operands.Count == 0)
        {
            return;
        }

        var i = scan.Operands[0];
        while (i < words.Count && words[i].Value.Contains('=', StringComparison.Ordinal) && !words[i].IsComputed)
        {
            i++;
        }

        RunInner(words, i, source, depth, session, argvComplete: true);
    }

    /// <summary>Every <c>-exec</c>, <c>-execdir</c>, <c>-ok</c> and <c>-okdir</c> command up to its <c>;</c> or <c>{} +</c>.</summary>
    private static void FindExec(IReadOnlyList<ShellWord> words, string source, int depth, ShellParseSession session)
    {
        for (var i = 1; i < words.Count; i++)
        {
            if (words[i].Value is not ("-exec" or "-execdir" or "-ok" or "-okdir"))
            {
                continue;
            }

            var end = i + 1;
            while (end < words.Count && words[end].Value != ";" && !(words[end].Value == "+" && words[end - 1].Value == "{}"))
            {
                end++;
            }

            if (end >= words.Count)
            {
                session.MarkIncomplete($"'find {words[i].Value}' is not ended by ';' or '+'.");
            }

            if (end > i + 1)
            {
                Report(words.Skip(i + 1).Take(end - i - 1).ToArray(), source, depth + 1, session, argvComplete: false);
            }

            i = end;
        }
    }

    private static void NestedShell(IReadOnlyList<ShellWord> words, int depth, ShellParseSession session, string name)
    {
        var hasCommandOption = false;
        var i = 1;
        for (; i < words.Count; i++)
        {
            var v = words[i].Value;
            if (words[i].IsComputed && v.StartsWith('-'))
            {
                session.MarkIncomplete($"'{name}' has the computed option '{v}'.");
                return;
            }

            if (v == "--" || v == "-")
            {
                i++;
                break;
            }

            if (v.Length < 2 || v[0] is not ('-' or '+'))
            {
                break;
            }

            if (v.StartsWith("--", StringComparison.Ordinal))
            {
                i += v is "--rcfile" or "--init-file" ? 1 : 0;
                continue;
            }

            hasCommandOption |= v[0] == '-' && v.Contains('c', StringComparison.Ordinal);
            i += v.Count(ch => ch is 'o' or 'O');
        }

        if (!hasCommandOption)
        {
            session.MarkIncomplete(i < words.Count
                ? $"'{name}' runs the script '{words[i].Value}', whose commands cannot be seen."
                : $"'{name}' reads commands from its input, which cannot be seen.");
            return;
        }

        if (i >= words.Count)
        {
            session.MarkIncomplete($"'{name} -c' has no command string.");
            return;
        }

        ParseWord(words[i], depth, session, $"{name} -c");
    }

    private static void Trap(IReadOnlyList<ShellWord> words, int depth, ShellParseSession session)
    {
        var i = 1;
        if (i < words.Count && words[i].Value == "--")
        {
            i++;
        }

        if (i + 1 < words.Count && !words[i].Value.StartsWith('-'))
        {
            ParseWord(words[i], depth, session, "trap");
        }
    }

    private static void SuCommand(IReadOnlyList<ShellWord> words, int depth, ShellParseSession session, string name)
    {
        var operands = words.Where(w => w.Value != "-").ToArray();
        var scan = Su.Scan(operands, 1);
        if (scan.Unknown is not null)
        {
            session.MarkIncomplete($"'{name}' has the option '{scan.Unknown}', so the command it runs cannot be found.");
            return;
        }

        var command = scan.Find("c", "command", "session-command");
        if (command is not null)
        {
            ParseWord(command.Word, depth, session, $"{name} -c", command.Value);
        }
        else if (scan.Operands.Count > 1)
        {
            session.MarkIncomplete($"'{name}' passes arguments to a shell, whose commands cannot be seen.");
        }
    }

    /// <summary>
    /// <c>ssh host cmd...</c>: the remote sshd joins the words with spaces and runs them with the user's shell,
    /// so they are parsed like <c>sh -c</c>. Options that run local commands (<c>ProxyCommand</c>, a config file) are refused.
    /// </summary>
    private static void SshCommand(IReadOnlyList<ShellWord> words, int depth, ShellParseSession session)
    {
        var scan = Ssh.Scan(words, 1);
        if (scan.Unknown is null && scan.Operands.Count > 0)
        {
            var after = Ssh.Scan(words, scan.Operands[0] + 1);
            scan.Options.AddRange(after.Options);
            scan.Unknown = after.Unknown;
            scan.Operands.RemoveRange(1, scan.Operands.Count - 1);
            scan.Operands.AddRange(after.Operands);
        }

        if (scan.Unknown is not null)
        {
            session.MarkIncomplete($"'ssh' has the option '{scan.Unknown}', so the command it runs cannot be found.");
            return;
        }

        var local = scan.Options.Find(o => o.Name == "F"
            || (o.Name == "o" && o.Value is { } v && (v.StartsWith("proxycommand", StringComparison.OrdinalIgnoreCase)
                || v.StartsWith("localcommand", StringComparison.OrdinalIgnoreCase)
                || v.StartsWith("permitlocalcommand", StringComparison.OrdinalIgnoreCase)
                || v.StartsWith("knownhostscommand", StringComparison.OrdinalIgnoreCase))));
        if (local is not null)
        {
            session.MarkIncomplete($"'ssh -{local.Name} {local.Value}' can run local commands that cannot be seen.");
            return;
        }

        if (scan.Operands.Count > 1)
        {
            ParseJoined(scan.Operands.Skip(1).Select(i => words[i]).ToArray(), 0, depth, session, "ssh");
        }
    }

    /// <summary><c>watch cmd...</c> joins its arguments and runs them with <c>sh -c</c>, unless <c>-x</c> asks for exec.</summary>
    private static void WatchCommand(IReadOnlyList<ShellWord> words, string source, int depth, ShellParseSession session)
    {
        var scan = Watch.Scan(words, 1);
        if (scan.Unknown is not null)
        {
            session.MarkIncomplete($"'watch' has the option '{scan.Unknown}', so the command it runs cannot be found.");
            return;
        }

        if (scan.Operands.Count == 0)
        {
            return;
        }

        if (scan.Has("x", "exec"))
        {
            RunInner(words, scan.Operands[0], source, depth, session, argvComplete: true);
            return;
        }

        ParseJoined(words.Skip(scan.Operands[0]).ToArray(), 0, depth, session, "watch");
    }

    private static void ParseJoined(IReadOnlyList<ShellWord> words, int start, int depth, ShellParseSession session, string what)
    {
        var parts = words.Skip(start).ToArray();
        if (parts.Length == 0)
        {
            return;
        }

        if (parts.Any(w => w.IsComputed))
        {
            session.MarkIncomplete($"'{what}' runs a string that is only known at run time.");
            return;
        }

        ShellParser.ParseNested(string.Join(' ', parts.Select(w => w.Value)), session, depth + 1);
    }

    private static void ParseWord(ShellWord word, int depth, ShellParseSession session, string what, string? value = null)
    {
        if (word.IsComputed)
        {
            session.MarkIncomplete($"'{what}' runs a string that is only known at run time.");
            return;
        }

        ShellParser.ParseNested(value ?? word.Value, session, depth + 1);
    }
}

namespace Hoop.Policy.Shell;

/// <summary>
/// The options a wrapper command accepts, so the command it runs can be found after them. An option that is not
/// known cannot be skipped safely (does it take a value?), so the scan reports it instead of guessing.
/// </summary>
internal sealed class CommandOptionSyntax(
    string shortWithValue,
    string shortFlags,
    string longWithValue = "",
    string longFlags = "",
    string shortWithAttachedValue = "",
    bool numericFlags = false,
    bool permute = false)
{
    private readonly HashSet<string> _longWithValue = [.. longWithValue.Split(' ', StringSplitOptions.RemoveEmptyEntries)];
    private readonly HashSet<string> _longFlags = [.. longFlags.Split(' ', StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>Scans options from <paramref name="start"/>; with <c>permute</c>, options may follow operands (GNU getopt).</summary>
    public CommandOptionScan Scan(IReadOnlyList<ShellWord> words, int start)
    {
        var scan = new CommandOptionScan();
        var i = start;
        while (i < words.Count)
        {
            var word = words[i];
            var v = word.Value;
            if (v == "--")
            {
                scan.Operands.AddRange(Enumerable.Range(i + 1, words.Count - i - 1));
                return scan;
            }

            if (v.Length < 2 || v[0] != '-')
            {
                if (!permute)
                {
                    scan.Operands.AddRange(Enumerable.Range(i, words.Count - i));
                    return scan;
                }

                if (word.IsComputed)
                {
                    // "$OPT" may expand to options or several words; nothing after it is certain.
                    scan.Unknown ??= v;
                    return scan;
                }

                scan.Operands.Add(i);
                i++;
                continue;
            }

            if (word.IsComputed)
            {
                scan.Unknown ??= v;
                return scan;
            }

            i = v.StartsWith("--", StringComparison.Ordinal) ? ScanLong(words, i, scan) : ScanShort(words, i, scan);
            if (scan.Unknown is not null)
            {
                return scan;
            }
        }

        return scan;
    }

    private int ScanLong(IReadOnlyList<ShellWord> words, int i, CommandOptionScan scan)
    {
        var v = words[i].Value;
        var eq = v.IndexOf('=', StringComparison.Ordinal);
        var name = eq < 0 ? v[2..] : v[2..eq];
        if (_longWithValue.Contains(name))
        {
            if (eq >= 0)
            {
                scan.Options.Add(new CommandOption(name, v[(eq + 1)..], words[i]));
                return i + 1;
            }

            if (i + 1 >= words.Count)
            {
                scan.Unknown = v;
                return i + 1;
            }

            scan.Options.Add(new CommandOption(name, words[i + 1].Value, words[i + 1]));
            return i + 2;
        }

        if (_longFlags.Contains(name))
        {
            scan.Options.Add(new CommandOption(name, eq < 0 ? null : v[(eq + 1)..], words[i]));
            return i + 1;
        }

        scan.Unknown = v;
        return i + 1;
    }

    private int ScanShort(IReadOnlyList<ShellWord> words, int i, CommandOptionScan scan)
    {
        var v = words[i].Value;
        if (numericFlags && v.AsSpan(1).IndexOfAnyExceptInRange('0', '9') < 0)
        {
            scan.Options.Add(new CommandOption(v[1..], null, words[i]));
            return i + 1;
        }

        for (var j = 1; j < v.Length; j++)
        {
            var ch = v[j];
            var name = ch.ToString();
            if (shortWithValue.Contains(ch, StringComparison.Ordinal))
            {
                if (j + 1 < v.Length)
                {
                    scan.Options.Add(new CommandOption(name, v[(j + 1)..], words[i]));
                    return i + 1;
                }

                if (i + 1 >= words.Count)
                {
                    scan.Unknown = v;
                    return i + 1;
                }

                scan.Options.Add(new CommandOption(name, words[i + 1].Value, words[i + 1]));
                return i + 2;
            }

            if (shortWithAttachedValue.Contains(ch, StringComparison.Ordinal))
            {
                scan.Options.Add(new CommandOption(name, v[(j + 1)..], words[i]));
                return i + 1;
            }

            if (!shortFlags.Contains(ch, StringComparison.Ordinal))
            {
                scan.Unknown = v;
                return i + 1;
            }

            scan.Options.Add(new CommandOption(name, null, words[i]));
        }

        return i + 1;
    }
}

using System.Text;

namespace Hoop.Policy.Shell;

/// <summary>Redirections and here-documents.</summary>
internal sealed partial class ShellParser
{
    /// <summary>A here-document whose body starts after the next newline.</summary>
    private sealed record PendingHeredoc(string Delimiter, bool StripTabs, bool Expands);

    /// <summary>
    /// Reads a redirection at the cursor (<c>2&gt;&amp;1</c>, <c>&gt;&gt; file</c>, <c>&amp;&gt;file</c>, <c>&lt;&lt;&lt; word</c>,
    /// <c>{fd}&gt;file</c>, <c>&lt;&lt;-EOF</c>); false, with the cursor unmoved, when there is none.
    /// </summary>
    private bool TryReadRedirection()
    {
        var i = _pos;
        if (Current == '{')
        {
            var close = i + 1;
            while (close < _text.Length && (char.IsAsciiLetterOrDigit(_text[close]) || _text[close] == '_'))
            {
                close++;
            }

            if (close == i + 1 || close >= _text.Length || _text[close] != '}')
            {
                return false;
            }

            i = close + 1;
        }
        else
        {
            while (i < _text.Length && char.IsAsciiDigit(_text[i]))
            {
                i++;
            }
        }

        if (i >= _text.Length)
        {
            return false;
        }

        string op;
        var c = _text[i];
        var next = i + 1 < _text.Length ? _text[i + 1] : '\0';
        if (c == '&' && i == _pos && next == '>')
        {
            op = i + 2 < _text.Length && _text[i + 2] == '>' ? "&>>" : "&>";
        }
        else if (c is '<' or '>')
        {
            if (next == '(' && i == _pos)
            {
                return false;
            }

            op = _text.AsSpan(i) switch
            {
                var s when s.StartsWith("<<<") => "<<<",
                var s when s.StartsWith("<<-") => "<<-",
                var s when s.StartsWith("<<") => "<<",
                var s when s.StartsWith("<>") => "<>",
                var s when s.StartsWith("<&") => "<&",
                var s when s.StartsWith(">&") => ">&",
                var s when s.StartsWith(">>") => ">>",
                var s when s.StartsWith(">|") => ">|",
                _ => c.ToString(),
            };
        }
        else
        {
            return false;
        }

        _pos = i + op.Length;
        SkipBlanks();
        if (AtEnd || IsOperatorStart(Current) && !(Current is '<' or '>' && Peek(1) == '('))
        {
            _session.MarkIncomplete($"the redirection '{op}' has no target.");
            return true;
        }

        var target = ReadWord();
        if (target is not null && op is "<<" or "<<-")
        {
            // A quoted delimiter (<<'EOF', <<"EOF", <<\EOF) keeps the body literal; an unquoted one expands it.
            _pendingHeredocs.Add(new PendingHeredoc(target.Value, op == "<<-", Expands: !target.IsQuoted));
        }

        return true;
    }

    /// <summary>Consumes the bodies of the here-documents opened on the line that just ended.</summary>
    private void ReadPendingHeredocs()
    {
        if (_pendingHeredocs.Count == 0)
        {
            return;
        }

        var pending = _pendingHeredocs.ToArray();
        _pendingHeredocs.Clear();
        foreach (var heredoc in pending)
        {
            if (_session.Aborted)
            {
                return;
            }

            ReadHeredocBody(heredoc);
        }
    }

    private void ReadHeredocBody(PendingHeredoc heredoc)
    {
        var body = new StringBuilder();
        while (true)
        {
            if (AtEnd)
            {
                _session.MarkIncomplete($"the here-document is not ended by a line '{heredoc.Delimiter}'.");
                break;
            }

            var newline = _text.IndexOf('\n', _pos);
            var lineEnd = newline < 0 ? _text.Length : newline;
            var line = _text.AsSpan(_pos, lineEnd - _pos);
            _pos = newline < 0 ? _text.Length : newline + 1;
            if (heredoc.StripTabs)
            {
                line = line.TrimStart('\t');
            }

            if (line.SequenceEqual(heredoc.Delimiter.AsSpan()))
            {
                break;
            }

            body.Append(line).Append('\n');
        }

        var text = body.ToString();
        if (heredoc.Expands)
        {
            // The body of an unquoted here-document is expanded like a double-quoted string: $(cmd) in it runs.
            if (_session.Spend(text.Length))
            {
                var bodyParser = new ShellParser(text, _session, _depth);
                var scratch = new StringBuilder();
                var literal = new StringBuilder();
                var traits = ShellWordTraits.None;
                bodyParser.ReadDoubleQuoted(scratch, literal, ref traits, terminator: null);
                bodyParser.CheckHiddenSubscript(literal);
            }
        }
        else
        {
            CheckHiddenSubscript(body);
        }
    }

    /// <summary>At the end of the text: a here-document still waiting for its body was never terminated.</summary>
    private void FinishHeredocs()
    {
        if (_pendingHeredocs.Count > 0 && !_session.Aborted)
        {
            _session.MarkIncomplete($"the here-document is not ended by a line '{_pendingHeredocs[0].Delimiter}'.");
        }
    }
}

using System.Text;

namespace Hoop.Policy.Shell;

/// <summary>Expansions: parameters, command and process substitutions, arithmetic.</summary>
internal sealed partial class ShellParser
{
    /// <summary>Reads what starts with <c>$</c>: a parameter, a substitution, arithmetic, or <c>$'...'</c> quoting.</summary>
    private void ReadDollar(StringBuilder value, StringBuilder literal, ref ShellWordTraits traits, bool inDoubleQuotes)
    {
        var start = _pos;
        var next = Peek(1);
        switch (next)
        {
            case '\'' when !inDoubleQuotes:
                _pos += 2;
                var decoded = AnsiCString.Read(_text, ref _pos, out var closed);
                if (!closed)
                {
                    _session.MarkIncomplete("a $'...' string is not closed.");
                }

                value.Append(decoded);
                literal.Append(decoded);
                traits |= ShellWordTraits.Quoted;
                return;
            case '"' when !inDoubleQuotes:
                // $"..." is a locale translation of a double-quoted string.
                _pos += 2;
                ReadDoubleQuoted(value, literal, ref traits, terminator: '"');
                traits |= ShellWordTraits.Quoted;
                return;
            case '(' when Peek(2) == '(':
                _pos += 3;
                ReadArithmetic("$((");
                break;
            case '(':
                _pos += 2;
                if (EnterNested() && !ParseList(untilCloseParen: true) && !_session.Aborted)
                {
                    _session.MarkIncomplete("a '$(' command substitution is not closed.");
                }

                ExitNested();
                break;
            case '{':
                _pos += 2;
                if (EnterNested())
                {
                    ReadBracedParameter(inDoubleQuotes);
                }

                ExitNested();
                break;
            case '[':
                _session.MarkIncomplete("'$[ ]' arithmetic is not analysed.");
                _pos += 2;
                while (!AtEnd && Current != ']')
                {
                    _pos++;
                }

                _pos = Math.Min(_pos + 1, _text.Length);
                break;
            default:
                if (char.IsAsciiLetter(next) || next == '_')
                {
                    _pos++;
                    while (!AtEnd && (char.IsAsciiLetterOrDigit(Current) || Current == '_'))
                    {
                        _pos++;
                    }
                }
                else if (char.IsAsciiDigit(next) || next is '@' or '*' or '#' or '?' or '-' or '$' or '!')
                {
                    _pos += 2;
                }
                else
                {
                    value.Append('$');
                    literal.Append('$');
                    _pos++;
                    return;
                }

                break;
        }

        traits |= ShellWordTraits.Expansion;
        value.Append(_text, start, _pos - start);
    }

    /// <summary>Reads <c>${...}</c> up to its closing brace; substitutions in its operators (<c>${X:-$(cmd)}</c>) run.</summary>
    private void ReadBracedParameter(bool inDoubleQuotes)
    {
        var scratch = new StringBuilder();
        var traits = ShellWordTraits.None;
        while (!AtEnd && !_session.Aborted)
        {
            switch (Current)
            {
                case '}':
                    _pos++;
                    return;
                case '\\':
                    _pos = Math.Min(_pos + 2, _text.Length);
                    break;
                case '\'' when !inDoubleQuotes:
                    ReadSingleQuoted(scratch, scratch);
                    break;
                case '"':
                    _pos++;
                    ReadDoubleQuoted(scratch, scratch, ref traits, terminator: '"');
                    break;
                case '$':
                    ReadDollar(scratch, scratch, ref traits, inDoubleQuotes: true);
                    break;
                case '`':
                    ReadBackquote(scratch, ref traits, inDoubleQuotes);
                    break;
                default:
                    _pos++;
                    break;
            }

            scratch.Clear();
        }

        if (!_session.Aborted)
        {
            _session.MarkIncomplete("a '${' parameter expansion is not closed.");
        }
    }

    /// <summary>Reads <c>`...`</c>: the backslashes before <c>`</c>, <c>$</c> and <c>\</c> are removed, then the text is parsed.</summary>
    private void ReadBackquote(StringBuilder value, ref ShellWordTraits traits, bool inDoubleQuotes)
    {
        var start = _pos;
        _pos++;
        var inner = new StringBuilder();
        var closed = false;
        while (!AtEnd)
        {
            var c = Current;
            if (c == '`')
            {
                _pos++;
                closed = true;
                break;
            }

            if (c == '\\' && (Peek(1) is '`' or '$' or '\\' || (inDoubleQuotes && Peek(1) == '"')))
            {
                inner.Append(_text[_pos + 1]);
                _pos += 2;
                continue;
            }

            inner.Append(c);
            _pos++;
        }

        if (!closed)
        {
            _session.MarkIncomplete("a '`' command substitution is not closed.");
        }

        traits |= ShellWordTraits.Expansion;
        value.Append(_text, start, _pos - start);
        ParseNested(inner.ToString(), _session, _depth + 1);
    }

    /// <summary>Reads <c>&lt;(...)</c> or <c>&gt;(...)</c>: the commands inside run alongside the command.</summary>
    private void ReadProcessSubstitution(StringBuilder value)
    {
        var start = _pos;
        _pos += 2;
        if (EnterNested() && !ParseList(untilCloseParen: true) && !_session.Aborted)
        {
            _session.MarkIncomplete("a process substitution is not closed.");
        }

        ExitNested();
        value.Append(_text, start, _pos - start);
    }

    /// <summary>
    /// Reads arithmetic after its opening <c>((</c> up to the closing <c>))</c>. Substitutions in it run and are reported;
    /// array subscripts are refused, because the shell expands them again and can run commands hidden in variables.
    /// </summary>
    private void ReadArithmetic(string opening)
    {
        var depth = 0;
        var scratch = new StringBuilder();
        var traits = ShellWordTraits.None;
        while (!AtEnd && !_session.Aborted)
        {
            var c = Current;
            switch (c)
            {
                case '(':
                    depth++;
                    _pos++;
                    break;
                case ')' when depth > 0:
                    depth--;
                    _pos++;
                    break;
                case ')' when Peek(1) == ')':
                    _pos += 2;
                    return;
                case ')':
                    _session.MarkIncomplete($"'{opening}' arithmetic is not closed by '))'.");
                    _pos++;
                    return;
                case '[':
                    _session.MarkIncomplete("arithmetic uses an array subscript, which can run commands hidden in a variable.");
                    _pos++;
                    break;
                case '$':
                    ReadDollar(scratch, scratch, ref traits, inDoubleQuotes: true);
                    break;
                case '`':
                    ReadBackquote(scratch, ref traits, inDoubleQuotes: true);
                    break;
                case '"':
                    _pos++;
                    ReadDoubleQuoted(scratch, scratch, ref traits, terminator: '"');
                    break;
                case '\\' when Peek(1) == '\n':
                    _pos += 2;
                    break;
                default:
                    _pos++;
                    break;
            }

            scratch.Clear();
        }

        if (!_session.Aborted)
        {
            _session.MarkIncomplete($"'{opening}' arithmetic is not closed by '))'.");
        }
    }
}

using System.Runtime.CompilerServices;

namespace Hoop.Policy.Shell;

/// <summary>
/// Walks one text (a command line, or a string a wrapper hands to a nested shell) and reports its simple commands.
/// Compound commands are followed with an explicit stack, not recursion, so deep nesting cannot exhaust the stack.
/// </summary>
internal sealed partial class ShellParser
{
    private readonly string _text;
    private readonly ShellParseSession _session;
    private readonly List<PendingHeredoc> _pendingHeredocs = [];
    private int _pos;
    private int _depth;

    private ShellParser(string text, ShellParseSession session, int depth)
    {
        _text = text;
        _session = session;
        _depth = depth;
    }

    private enum Frame
    {
        Subshell,
        Case,
    }

    private bool AtEnd => _pos >= _text.Length;

    /// <summary>The character at the cursor, or NUL at the end (command lines never hold NUL: it is refused first).</summary>
    private char Current => _pos < _text.Length ? _text[_pos] : '\0';

    /// <summary>Parses <paramref name="text"/> as a whole command line whose commands sit at <paramref name="depth"/>.</summary>
    public static void ParseNested(string text, ShellParseSession session, int depth)
    {
        if (session.Aborted || !session.Spend(text.Length))
        {
            return;
        }

        if (depth > ShellParseSession.MaxDepth)
        {
            session.Abort($"commands nest more than {ShellParseSession.MaxDepth} levels deep.");
            return;
        }

        RuntimeHelpers.EnsureSufficientExecutionStack();
        var parser = new ShellParser(text, session, depth);
        parser.ParseList(untilCloseParen: false);
        parser.FinishHeredocs();
    }

    private char Peek(int offset) => _pos + offset < _text.Length ? _text[_pos + offset] : '\0';

    private bool EnterNested()
    {
        _depth++;
        if (_depth > ShellParseSession.MaxDepth)
        {
            _session.Abort($"commands nest more than {ShellParseSession.MaxDepth} levels deep.");
            return false;
        }

        RuntimeHelpers.EnsureSufficientExecutionStack();
        return true;
    }

    private void ExitNested() => _depth--;

    /// <summary>
    /// Reads commands until the end of the text or, inside <c>$( )</c> and process substitutions, until the
    /// parenthesis that closes it (consumed). Returns true when that parenthesis was found.
    /// </summary>
    private bool ParseList(bool untilCloseParen)
    {
        var frames = new Stack<Frame>();
        while (!_session.Aborted)
        {
            SkipBlanks();
            if (AtEnd)
            {
                if (frames.Count > 0)
                {
                    _session.MarkIncomplete(frames.Peek() == Frame.Case
                        ? "a 'case' is not closed by 'esac'."
                        : "a '(' is not closed by ')'.");
                }

                return false;
            }

            switch (Current)
            {
                case '\n':
                    _pos++;
                    ReadPendingHeredocs();
                    break;
                case ';' when Peek(1) is ';' or '&':
                    _pos += 2;
                    if (!AtEnd && Current == '&')
                    {
                        _pos++;
                    }

                    if (frames.Count > 0 && frames.Peek() == Frame.Case)
                    {
                        ReadCasePatterns(frames);
                    }
                    else
                    {
                        _session.MarkIncomplete("';;' appears outside a 'case'.");
                    }

                    break;
                case ';':
                    _pos++;
                    break;
                case '&' when Peek(1) == '>':
                    ParseCommand(frames);
                    break;
                case '&':
                    _pos += Peek(1) == '&' ? 2 : 1;
                    break;
                case '|':
                    _pos += Peek(1) is '|' or '&' ? 2 : 1;
                    break;
                case '(' when Peek(1) == '(':
                    _pos += 2;
                    ReadArithmetic("((");
                    break;
                case '(':
                    _pos++;
                    if (frames.Count >= ShellParseSession.MaxNesting)
                    {
                        _session.Abort($"subshells and compound commands nest more than {ShellParseSession.MaxNesting} levels deep.");
                        return false;
                    }

                    frames.Push(Frame.Subshell);
                    break;
                case ')':
                    _pos++;
                    if (frames.Count > 0 && frames.Peek() == Frame.Subshell)
                    {
                        frames.Pop();
                    }
                    else if (untilCloseParen && frames.Count == 0)
                    {
                        return true;
                    }
                    else
                    {
                        _session.MarkIncomplete("a ')' has no matching '('.");
                    }

                    break;
                default:
                    ParseCommand(frames);
                    break;
            }
        }

        return false;
    }

    /// <summary>Reads one simple command (or the reserved word that starts a compound command) and reports it.</summary>
    private void ParseCommand(Stack<Frame> frames)
    {
        var words = new List<ShellWord>();
        var redirected = false;
        var assignments = true;
        while (!_session.Aborted)
        {
            SkipBlanks();
            if (AtEnd || Current is '\n' or ';' or '|' or ')' || (Current == '&' && Peek(1) != '>'))
            {
                break;
            }

            if (TryReadRedirection())
            {
                redirected = true;
                continue;
            }

            if (Current == '(')
            {
                if (words.Count == 1 && !redirected && !words[0].IsComputed)
                {
                    // name() compound-command: a function definition; its body is read as the next commands.
                    _pos++;
                    SkipBlanks();
                    if (!AtEnd && Current == ')')
                    {
                        _pos++;
                        return;
                    }
                }

                _session.MarkIncomplete("a '(' appears in the middle of a command.");
                _pos++;
                break;
            }

            var word = ReadWord();
            if (word is null)
            {
                break;
            }

            if (words.Count == 0 && !redirected && HandleReservedWord(word, frames))
            {
                return;
            }

            if (assignments && IsAssignment(word))
            {
                if (word.Value.EndsWith('=') && !AtEnd && Current == '(')
                {
                    ReadArrayAssignment();
                }

                continue;
            }

            assignments = false;
            words.Add(word);
        }

        if (words.Count > 0)
        {
            CommandWrappers.Report(words, _text, _depth, _session, argvComplete: true);
        }
    }

    /// <summary>
    /// <c>NAME=value</c>, <c>NAME+=value</c> or <c>NAME[i]=value</c> with the name unquoted: only then is the word an
    /// assignment rather than a command or argument.
    /// </summary>
    private bool IsAssignment(ShellWord word)
    {
        var value = word.Value;
        if (value.Length == 0 || !(char.IsAsciiLetter(value[0]) || value[0] == '_'))
        {
            return false;
        }

        var i = 0;
        while (i < value.Length && (char.IsAsciiLetterOrDigit(value[i]) || value[i] == '_'))
        {
            i++;
        }

        if (i < value.Length && value[i] == '[')
        {
            var close = value.IndexOf(']', i);
            if (close < 0)
            {
                return false;
            }

            i = close + 1;
        }

        if (i < value.Length && value[i] == '+')
        {
            i++;
        }

        if (i >= value.Length || value[i] != '=')
        {
            return false;
        }

        var raw = _text.AsSpan(word.Start, word.End - word.Start);
        return raw.StartsWith(value.AsSpan(0, i + 1), StringComparison.Ordinal);
    }
}

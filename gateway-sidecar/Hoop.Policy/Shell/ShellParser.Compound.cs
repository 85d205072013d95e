namespace Hoop.Policy.Shell;

/// <summary>Reserved words and compound commands: their words are structure, but what they contain still runs.</summary>
internal sealed partial class ShellParser
{
    /// <summary>Handles a reserved word at command start; true when the word was one.</summary>
    private bool HandleReservedWord(ShellWord word, Stack<Frame> frames)
    {
        if (word.IsQuoted || word.IsComputed)
        {
            return false;
        }

        switch (word.Value)
        {
            case "if" or "then" or "else" or "elif" or "fi" or "do" or "done" or "while" or "until" or "!" or "{" or "}":
                return true;
            case "esac":
                if (frames.Count > 0 && frames.Peek() == Frame.Case)
                {
                    frames.Pop();
                }
                else
                {
                    _session.MarkIncomplete("'esac' appears outside a 'case'.");
                }

                return true;
            case "case":
                ReadCaseHead(frames);
                return true;
            case "for" or "select":
                ReadForHead();
                return true;
            case "function":
                SkipBlanks();
                if (!AtEnd && !IsOperatorStart(Current))
                {
                    ReadWord();
                }

                SkipBlanks();
                if (Current == '(')
                {
                    _pos++;
                    SkipBlanks();
                    if (Current == ')')
                    {
                        _pos++;
                    }
                    else
                    {
                        _session.MarkIncomplete("a 'function' definition has a '(' without ')'.");
                    }
                }

                return true;
            case "[[":
                ReadConditional();
                return true;
            case "coproc":
                SkipCoprocName();
                return true;
            default:
                return false;
        }
    }

    private void ReadCaseHead(Stack<Frame> frames)
    {
        SkipBlanks();
        if (!AtEnd && !IsOperatorStart(Current))
        {
            ReadWord();
        }

        SkipBlanksAndNewlines();
        if (!PeekReserved("in"))
        {
            _session.MarkIncomplete("a 'case' has no 'in'.");
            return;
        }

        _pos += 2;
        if (frames.Count >= ShellParseSession.MaxNesting)
        {
            _session.Abort($"subshells and compound commands nest more than {ShellParseSession.MaxNesting} levels deep.");
            return;
        }

        frames.Push(Frame.Case);
        ReadCasePatterns(frames);
    }

    /// <summary>Reads <c>[(] pattern [| pattern]... )</c>, or the <c>esac</c> that ends the case.</summary>
    private void ReadCasePatterns(Stack<Frame> frames)
    {
        SkipBlanksAndNewlines();
        if (AtEnd)
        {
            return;
        }

        if (PeekReserved("esac"))
        {
            _pos += 4;
            frames.Pop();
            return;
        }

        if (!AtEnd && Current == '(')
        {
            _pos++;
        }

        while (!_session.Aborted)
        {
            SkipBlanks();
            if (AtEnd || Current is '\n' or ';' or '&' or '(' or '<' or '>')
            {
                _session.MarkIncomplete("a 'case' pattern is not closed by ')'.");
                return;
            }

            if (Current == ')')
            {
                _pos++;
                return;
            }

            if (Current == '|')
            {
                _pos++;
                continue;
            }

            ReadWord();
        }
    }

    private void ReadForHead()
    {
        SkipBlanks();
        if (Current == '(' && Peek(1) == '(')
        {
            _pos += 2;
            ReadArithmetic("for ((");
            return;
        }

        if (!AtEnd && !IsOperatorStart(Current))
        {
            ReadWord();
        }

        SkipBlanksAndNewlines();
        if (!PeekReserved("in"))
        {
            return;
        }

        _pos += 2;
        while (!_session.Aborted)
        {
            SkipBlanks();
            if (AtEnd || IsOperatorStart(Current))
            {
                return;
            }

            ReadWord();
        }
    }

    /// <summary>Reads <c>[[ ... ]]</c>: its words are operands, not commands, but substitutions in them still run.</summary>
    private void ReadConditional()
    {
        var words = new List<ShellWord>();
        while (!_session.Aborted)
        {
            SkipBlanksAndNewlines();
            if (AtEnd)
            {
                _session.MarkIncomplete("a '[[' is not closed by ']]'.");
                return;
            }

            if (Current is '&' or '|' or '(' or ')' or '<' or '>' or ';')
            {
                _pos++;
                continue;
            }

            var word = ReadWord();
            if (word is null)
            {
                _pos++;
                continue;
            }

            if (word.IsReserved("]]"))
            {
                break;
            }

            words.Add(word);
        }

        var evaluates = words.Exists(w => !w.IsQuoted && w.Value is "-v" or "-eq" or "-ne" or "-lt" or "-le" or "-gt" or "-ge");
        if (evaluates && words.Exists(w => w.Value.Contains('[', StringComparison.Ordinal)))
        {
            _session.MarkIncomplete("'[[ ]]' evaluates an array subscript, which can run commands hidden in a variable.");
        }
    }

    private void SkipCoprocName()
    {
        SkipBlanks();
        var end = _pos;
        while (end < _text.Length && (char.IsAsciiLetterOrDigit(_text[end]) || _text[end] == '_'))
        {
            end++;
        }

        if (end == _pos)
        {
            return;
        }

        var after = end;
        while (after < _text.Length && _text[after] is ' ' or '\t')
        {
            after++;
        }

        if (after < _text.Length && (_text[after] == '(' || (_text[after] == '{' && after + 1 < _text.Length && _text[after + 1] is ' ' or '\t' or '\n')))
        {
            _pos = end;
        }
    }

    private void ReadArrayAssignment()
    {
        _pos++;
        while (!_session.Aborted)
        {
            SkipBlanksAndNewlines();
            if (AtEnd)
            {
                _session.MarkIncomplete("an array assignment '=(' is not closed by ')'.");
                return;
            }

            if (Current == ')')
            {
                _pos++;
                return;
            }

            if (IsOperatorStart(Current))
            {
                _session.MarkIncomplete("an array assignment contains an operator.");
                _pos++;
                continue;
            }

            ReadWord();
        }
    }
}

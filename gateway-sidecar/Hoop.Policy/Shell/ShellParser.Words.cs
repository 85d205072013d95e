using System.Text;

namespace Hoop.Policy.Shell;

/// <summary>Words: quoting, escapes and the expansions inside them.</summary>
internal sealed partial class ShellParser
{
    private static bool IsOperatorStart(char c) => c is '\n' or ';' or '&' or '|' or '<' or '>' or '(' or ')';

    private static bool IsWordBreak(char c) => c is ' ' or '\t' || IsOperatorStart(c);

    /// <summary>Skips blanks, backslash-newline continuations and comments; stops at a newline.</summary>
    private void SkipBlanks()
    {
        while (!AtEnd)
        {
            var c = Current;
            if (c is ' ' or '\t')
            {
                _pos++;
            }
            else if (c == '\\' && Peek(1) == '\n')
            {
                _pos += 2;
            }
            else if (c == '#')
            {
                while (!AtEnd && Current != '\n')
                {
                    _pos++;
                }
            }
            else
            {
                return;
            }
        }
    }

    private void SkipBlanksAndNewlines()
    {
        while (!_session.Aborted)
        {
            SkipBlanks();
            if (Current != '\n' || AtEnd)
            {
                return;
            }

            _pos++;
            ReadPendingHeredocs();
        }
    }

    /// <summary>True when an unquoted <paramref name="word"/> stands at the cursor as a whole word.</summary>
    private bool PeekReserved(string word) =>
        string.CompareOrdinal(_text, _pos, word, 0, word.Length) == 0
        && (_pos + word.Length >= _text.Length || IsWordBreak(_text[_pos + word.Length]));

    /// <summary>Reads one word at the cursor; null when the cursor is at an operator or the end.</summary>
    private ShellWord? ReadWord()
    {
        if (AtEnd)
        {
            return null;
        }

        var start = _pos;
        var value = new StringBuilder();
        var literal = new StringBuilder();
        var traits = ShellWordTraits.None;
        var openBrace = false;
        var braceList = false;
        var openBracket = false;
        if (Current is '<' or '>' && Peek(1) == '(')
        {
            ReadProcessSubstitution(value);
            traits |= ShellWordTraits.Expansion;
        }

        while (!AtEnd && !_session.Aborted)
        {
            var c = Current;
            if (IsWordBreak(c))
            {
                break;
            }

            switch (c)
            {
                case '\\' when Peek(1) == '\n':
                    _pos += 2;
                    break;
                case '\\' when _pos + 1 < _text.Length:
                    value.Append(_text[_pos + 1]);
                    literal.Append(_text[_pos + 1]);
                    traits |= ShellWordTraits.Quoted;
                    _pos += 2;
                    break;
                case '\'':
                    ReadSingleQuoted(value, literal);
                    traits |= ShellWordTraits.Quoted;
                    break;
                case '"':
                    _pos++;
                    ReadDoubleQuoted(value, literal, ref traits, terminator: '"');
                    traits |= ShellWordTraits.Quoted;
                    break;
                case '$':
                    ReadDollar(value, literal, ref traits, inDoubleQuotes: false);
                    break;
                case '`':
                    ReadBackquote(value, ref traits, inDoubleQuotes: false);
                    break;
                default:
                    if (c is '*' or '?')
                    {
                        traits |= ShellWordTraits.Pattern;
                    }
                    else if (c == '[')
                    {
                        openBracket = true;
                    }
                    else if (c == ']' && openBracket)
                    {
                        traits |= ShellWordTraits.Pattern;
                    }
                    else if (c == '{')
                    {
                        openBrace = true;
                    }
                    else if (openBrace && (c == ',' || (c == '.' && Peek(1) == '.')))
                    {
                        braceList = true;
                    }
                    else if (c == '}' && braceList)
                    {
                        traits |= ShellWordTraits.Pattern;
                    }

                    value.Append(c);
                    _pos++;
                    break;
            }
        }

        if (_pos == start)
        {
            return null;
        }

        CheckHiddenSubscript(literal);
        return new ShellWord(value.ToString(), start, _pos, traits);
    }

    /// <summary>
    /// Quoted text like <c>a[$(cmd)]</c> is data until a builtin evaluates it as an array subscript
    /// (<c>(( x ))</c>, <c>[[ -v x ]]</c>, <c>read</c>, <c>printf -v</c>): then <c>cmd</c> runs unseen.
    /// </summary>
    private void CheckHiddenSubscript(StringBuilder literal)
    {
        var text = literal.ToString();
        var bracket = text.IndexOf('[', StringComparison.Ordinal);
        if (bracket >= 0 && (text.IndexOf("$(", bracket, StringComparison.Ordinal) >= 0 || text.IndexOf('`', bracket) >= 0))
        {
            _session.MarkIncomplete("quoted text holds an array subscript with a command substitution, which some builtins run.");
        }
    }

    private void ReadSingleQuoted(StringBuilder value, StringBuilder literal)
    {
        var close = _text.IndexOf('\'', _pos + 1);
        if (close < 0)
        {
            _session.MarkIncomplete("a single quote is not closed.");
            value.Append(_text, _pos + 1, _text.Length - _pos - 1);
            _pos = _text.Length;
            return;
        }

        value.Append(_text, _pos + 1, close - _pos - 1);
        literal.Append(_text, _pos + 1, close - _pos - 1);
        _pos = close + 1;
    }

    /// <summary>
    /// Reads double-quoted text up to <paramref name="terminator"/> (consumed), or to the end of the text when there is
    /// none (here-document bodies). Returns false when the terminator is missing.
    /// </summary>
    private bool ReadDoubleQuoted(StringBuilder value, StringBuilder literal, ref ShellWordTraits traits, char? terminator)
    {
        while (!AtEnd && !_session.Aborted)
        {
            var c = Current;
            if (c == terminator)
            {
                _pos++;
                return true;
            }

            switch (c)
            {
                case '\\' when Peek(1) == '\n':
                    _pos += 2;
                    break;
                case '\\' when Peek(1) is '$' or '`' or '\\' || (terminator == '"' && Peek(1) == '"'):
                    value.Append(_text[_pos + 1]);
                    literal.Append(_text[_pos + 1]);
                    _pos += 2;
                    break;
                case '$':
                    ReadDollar(value, literal, ref traits, inDoubleQuotes: true);
                    break;
                case '`':
                    ReadBackquote(value, ref traits, inDoubleQuotes: true);
                    break;
                default:
                    value.Append(c);
                    literal.Append(c);
                    _pos++;
                    break;
            }
        }

        if (terminator is not null)
        {
            _session.MarkIncomplete("a double quote is not closed.");
            return false;
        }

        return true;
    }

}

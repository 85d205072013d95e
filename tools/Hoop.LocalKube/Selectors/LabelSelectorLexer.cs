using System.Text;

namespace Hoop.LocalKube.Selectors;

/// <summary>
/// Splits label selector text into tokens the way <c>labels.Lexer</c> does, including its quirks: a NUL character ends
/// the input, and any run of characters that is neither whitespace nor an operator symbol is one identifier.
/// </summary>
internal sealed class LabelSelectorLexer(string text)
{
    private const char End = '\0';
    private int _position;

    public static List<LabelSelectorToken> Tokenize(string text)
    {
        var lexer = new LabelSelectorLexer(text);
        var tokens = new List<LabelSelectorToken>();
        LabelSelectorToken token;
        do
        {
            token = lexer.Next();
            tokens.Add(token);
        }
        while (token.Kind != LabelSelectorTokenKind.EndOfString);

        return tokens;
    }

    private LabelSelectorToken Next()
    {
        var ch = Read();
        while (IsWhitespace(ch))
        {
            ch = Read();
        }

        if (ch == End)
        {
            return new LabelSelectorToken(LabelSelectorTokenKind.EndOfString, "");
        }

        Unread();
        return IsSpecialSymbol(ch) ? ScanSpecialSymbol() : ScanIdentifierOrKeyword();
    }

    private LabelSelectorToken ScanIdentifierOrKeyword()
    {
        var start = _position;
        while (true)
        {
            var ch = Read();
            if (ch == End)
            {
                break;
            }

            if (IsSpecialSymbol(ch) || IsWhitespace(ch))
            {
                Unread();
                break;
            }
        }

        // A NUL read inside the word was consumed but belongs to no token.
        var literal = text[start.._position].TrimEnd(End);
        return literal switch
        {
            "in" => new LabelSelectorToken(LabelSelectorTokenKind.In, literal),
            "notin" => new LabelSelectorToken(LabelSelectorTokenKind.NotIn, literal),
            _ => new LabelSelectorToken(LabelSelectorTokenKind.Identifier, literal),
        };
    }

    // Reads the longest run of operator symbols that is still an operator: "!=" is one token, "=!" is two.
    private LabelSelectorToken ScanSpecialSymbol()
    {
        LabelSelectorToken? longest = null;
        var buffer = new StringBuilder();
        while (true)
        {
            var ch = Read();
            if (ch == End)
            {
                break;
            }

            if (!IsSpecialSymbol(ch))
            {
                Unread();
                break;
            }

            buffer.Append(ch);
            if (SymbolKind(buffer.ToString()) is { } kind)
            {
                longest = new LabelSelectorToken(kind, buffer.ToString());
            }
            else if (longest is not null)
            {
                Unread();
                break;
            }
        }

        return longest ?? new LabelSelectorToken(LabelSelectorTokenKind.Error, $"error expected: keyword found '{buffer}'");
    }

    private char Read()
    {
        if (_position < text.Length)
        {
            return text[_position++];
        }

        return End;
    }

    private void Unread() => _position--;

    private static LabelSelectorTokenKind? SymbolKind(string symbol) => symbol switch
    {
        ")" => LabelSelectorTokenKind.ClosedParenthesis,
        "," => LabelSelectorTokenKind.Comma,
        "!" => LabelSelectorTokenKind.DoesNotExist,
        "==" => LabelSelectorTokenKind.DoubleEquals,
        "=" => LabelSelectorTokenKind.Equals,
        ">" => LabelSelectorTokenKind.GreaterThan,
        "<" => LabelSelectorTokenKind.LessThan,
        "!=" => LabelSelectorTokenKind.NotEquals,
        "(" => LabelSelectorTokenKind.OpenParenthesis,
        _ => null,
    };

    private static bool IsWhitespace(char ch) => ch is ' ' or '\t' or '\r' or '\n';

    private static bool IsSpecialSymbol(char ch) => ch is '=' or '!' or '(' or ')' or ',' or '>' or '<';
}

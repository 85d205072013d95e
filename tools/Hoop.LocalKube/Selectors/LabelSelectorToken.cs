namespace Hoop.LocalKube.Selectors;

/// <summary>What a piece of label selector text is, as <c>labels.Lexer</c> classifies it.</summary>
internal enum LabelSelectorTokenKind
{
    Error,
    EndOfString,
    ClosedParenthesis,
    Comma,
    DoesNotExist,
    DoubleEquals,
    Equals,
    GreaterThan,
    Identifier,
    In,
    LessThan,
    NotEquals,
    NotIn,
    OpenParenthesis,
}

/// <summary>A token of label selector text and the characters it was read from.</summary>
internal readonly record struct LabelSelectorToken(LabelSelectorTokenKind Kind, string Literal);

namespace Hoop.Policy.Sql;

/// <summary>What a lexed slice of SQL text is; whitespace and comments are tokens too, so tokens cover the whole input.</summary>
/// <remarks>The trivia kinds come first, so <see cref="SqlToken.IsTrivia"/> is one comparison.</remarks>
internal enum SqlTokenKind : byte
{
    Whitespace,

    /// <summary><c>-- ...</c>, or MySQL <c># ...</c>, up to (not including) the line break.</summary>
    LineComment,

    /// <summary><c>/* ... */</c>; nested in PostgreSQL.</summary>
    BlockComment,

    /// <summary>MySQL <c>/*!</c>, <c>/*!NNNNN</c>, MariaDB <c>/*M!</c>, <c>/*M!NNNNNN</c>: what follows is code.</summary>
    ExecutableCommentStart,

    /// <summary>The <c>*/</c> closing an executable comment.</summary>
    ExecutableCommentEnd,

    /// <summary>An unquoted identifier or keyword.</summary>
    Word,

    /// <summary><c>"a""b"</c>, MySQL <c>`a``b`</c>, PostgreSQL <c>U&amp;"..."</c>.</summary>
    QuotedIdentifier,

    /// <summary>Any quoted string literal, prefixes included (<c>E'..'</c>, <c>X'..'</c>, <c>_utf8mb4'..'</c>).</summary>
    String,

    /// <summary>PostgreSQL <c>$tag$ ... $tag$</c>.</summary>
    DollarString,

    Number,

    /// <summary>PostgreSQL positional parameter <c>$1</c>.</summary>
    Parameter,

    /// <summary>MySQL user or system variable: <c>@x</c>, <c>@'x'</c>, <c>@@global</c>.</summary>
    Variable,

    /// <summary>Operator characters; <c>::</c> is one token, every other operator character is its own token.</summary>
    Operator,

    OpenParen,
    CloseParen,
    Comma,
    Semicolon,
    Dot,

    /// <summary>A character no SQL token starts with (a backslash outside strings, a stray control character).</summary>
    Other,
}

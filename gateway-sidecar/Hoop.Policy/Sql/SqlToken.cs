namespace Hoop.Policy.Sql;

/// <summary>A slice of the input: <see cref="Start"/> and <see cref="Length"/> in UTF-16 code units.</summary>
/// <param name="Kind">What the slice is.</param>
/// <param name="Start">Offset in the input.</param>
/// <param name="Length">Length, at least 1.</param>
/// <param name="Flags">Facts beyond the kind (unterminated).</param>
/// <param name="Keyword">For a <see cref="SqlTokenKind.Word"/>, the keyword it spells (looked up once, by the lexer).</param>
internal readonly record struct SqlToken(
    SqlTokenKind Kind, int Start, int Length, SqlTokenFlags Flags = SqlTokenFlags.None, SqlKeyword Keyword = SqlKeyword.None)
{
    public int End => Start + Length;

    public bool IsUnterminated => (Flags & SqlTokenFlags.Unterminated) != 0;

    /// <summary>Whitespace, comments and executable-comment markers: what the server skips.</summary>
    public bool IsTrivia => Kind <= SqlTokenKind.ExecutableCommentEnd;
}

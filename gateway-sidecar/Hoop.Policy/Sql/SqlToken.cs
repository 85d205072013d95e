namespace Hoop.Policy.Sql;

/// <summary>A slice of the input: <see cref="Start"/> and <see cref="Length"/> in UTF-16 code units.</summary>
internal readonly record struct SqlToken(SqlTokenKind Kind, int Start, int Length, SqlTokenFlags Flags = SqlTokenFlags.None)
{
    public int End => Start + Length;

    public bool IsUnterminated => (Flags & SqlTokenFlags.Unterminated) != 0;

    /// <summary>Whitespace, comments and executable-comment markers: what the server skips.</summary>
    public bool IsTrivia => Kind is SqlTokenKind.Whitespace or SqlTokenKind.LineComment or SqlTokenKind.BlockComment
        or SqlTokenKind.ExecutableCommentStart or SqlTokenKind.ExecutableCommentEnd;
}

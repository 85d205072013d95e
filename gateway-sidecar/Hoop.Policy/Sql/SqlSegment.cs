namespace Hoop.Policy.Sql;

/// <summary>
/// One statement slice of a batch and the separator after it. Concatenating every segment's
/// <c>[Start, Start + Length + SeparatorLength)</c> in order reproduces the batch exactly.
/// </summary>
/// <param name="Start">Offset of the slice in the batch.</param>
/// <param name="Length">Length of the slice (whitespace and comments included, separator excluded).</param>
/// <param name="SeparatorLength">1 for the <c>;</c> that ends it, 0 for the last segment.</param>
/// <param name="FirstToken">Index of the slice's first token in the batch's token array.</param>
/// <param name="TokenCount">How many tokens the slice has (the separator not included).</param>
/// <param name="SemicolonInParentheses">A <c>;</c> inside parentheses was not taken as a separator.</param>
internal readonly record struct SqlSegment(
    int Start, int Length, int SeparatorLength, int FirstToken, int TokenCount, bool SemicolonInParentheses = false)
{
    public int End => Start + Length;
}

namespace Hoop.Policy.Sql;

/// <summary>Facts about a token beyond its kind.</summary>
[Flags]
internal enum SqlTokenFlags : byte
{
    None = 0,

    /// <summary>A string, quoted identifier, comment or executable comment that runs to the end of the input.</summary>
    Unterminated = 1,

    /// <summary>
    /// Set only on the analyzer's copies of significant tokens: trivia other than one plain space separates it from the
    /// previous significant token, so the normalized text has a single space there instead of the original trivia.
    /// </summary>
    SpacedBefore = 2,
}

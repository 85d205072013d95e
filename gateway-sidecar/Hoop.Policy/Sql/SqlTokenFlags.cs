namespace Hoop.Policy.Sql;

/// <summary>Facts about a token beyond its kind.</summary>
[Flags]
internal enum SqlTokenFlags : byte
{
    None = 0,

    /// <summary>A string, quoted identifier, comment or executable comment that runs to the end of the input.</summary>
    Unterminated = 1,
}

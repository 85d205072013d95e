using System.Security.Cryptography;

namespace Hoop.Recording.Chain;

/// <summary>The chain link: lower-case hex SHA-256 of a line's exact bytes, without its newline.</summary>
internal static class ChainHash
{
    /// <summary>The <c>prev</c> of the first record: the SHA-256 of the empty string.</summary>
    public static readonly string Genesis = Of([]);

    public static string Of(ReadOnlySpan<byte> line) => Convert.ToHexStringLower(SHA256.HashData(line));
}

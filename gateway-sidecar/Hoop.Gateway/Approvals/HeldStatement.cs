using System.Security.Cryptography;
using System.Text;

namespace Hoop.Gateway.Approvals;

/// <summary>
/// A statement the gateway holds for approval, exactly as it would run: its text, the database, a summary of its bound
/// parameters (masked) and the session holding it. <see cref="Sha256"/> pins it: the gateway runs under an approval only
/// the statement whose hash the AccessRequest carries.
/// </summary>
internal sealed record HeldStatement(string Text, string? Database, IReadOnlyList<string>? Parameters, string SessionId)
{
    public string Sha256 => Hash(Text);

    public static string Hash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}

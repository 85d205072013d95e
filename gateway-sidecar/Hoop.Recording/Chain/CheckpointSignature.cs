using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Hoop.Recording.Chain;

/// <summary>
/// The checkpoint HMAC: lower-case hex HMAC-SHA256 with the key over the UTF-8 text
/// <c>sessionId LF seq LF time LF head</c>, using the checkpoint's own <c>seq</c> and <c>time</c> as written. Covering the
/// session id binds the signature to its log; covering seq and time leaves no unsigned field in the final line.
/// </summary>
internal static class CheckpointSignature
{
    public static string Compute(ReplayLogKey key, string sessionId, long seq, string time, string head)
    {
        var input = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{sessionId}\n{seq}\n{time}\n{head}"));
        return Convert.ToHexStringLower(HMACSHA256.HashData(key.Secret, input));
    }

    public static bool Matches(ReplayLogKey key, string sessionId, long seq, string time, string head, string hmac) =>
        CryptographicOperations.FixedTimeEquals(
            Encoding.UTF8.GetBytes(Compute(key, sessionId, seq, time, head)), Encoding.UTF8.GetBytes(hmac));
}

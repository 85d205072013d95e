namespace Hoop.Gateway.Authentication;

/// <summary>Keeps text from a verifier (an API server's review error) out of the outcome when it could echo the token.</summary>
internal static class FailureText
{
    private const int MaxLength = 200;

    // Any run this long that also appears in the token is treated as a leak of the token.
    private const int LeakWindow = 8;

    /// <summary><paramref name="text"/> trimmed and shortened, or null when it is empty or shares a fragment with the token.</summary>
    public static string? Scrub(string? text, string token)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var cleaned = new string([.. text.Trim().Select(c => char.IsControl(c) ? ' ' : c)]);
        if (cleaned.Length > MaxLength)
        {
            cleaned = cleaned[..MaxLength];
        }

        for (var i = 0; i + LeakWindow <= cleaned.Length; i++)
        {
            if (token.AsSpan().IndexOf(cleaned.AsSpan(i, LeakWindow), StringComparison.Ordinal) >= 0)
            {
                return null;
            }
        }

        return cleaned;
    }
}

using Hoop.Api.V1Alpha1;
using static Hoop.Policy.Masking.Detectors.ByteClasses;

namespace Hoop.Policy.Masking.Detectors;

/// <summary>
/// Well-known secret shapes: AWS access key ids (<c>AKIA</c>/<c>ASIA</c> + 16), GitHub tokens (<c>ghp_</c>, <c>gho_</c>,
/// <c>ghu_</c>, <c>ghs_</c>, <c>ghr_</c> + 36, <c>github_pat_</c>), Slack tokens (<c>xoxa-</c>, <c>xoxb-</c>, ...), Stripe
/// live keys (<c>sk_live_</c>, <c>rk_live_</c> + 24), Google API keys (<c>AIza</c> + 35) and PEM private-key blocks through
/// their END line (to the end of the value when it is cut off). A token that runs on past its minimum shape is masked whole.
/// </summary>
internal sealed class ApiKeyDetector : SensitiveContentDetector
{
    private const int MaxPemLabel = 64;

    // Every key is 15 bytes or more and its prefix has a letter outside a-f, so hex strings and UUIDs are never scanned.
    private const TextFacts AnyKey = TextFacts.AtLeast15Bytes | TextFacts.NonHexLetter;

    private const TextFacts UpperPrefixed = AnyKey | TextFacts.Upper | TextFacts.UpperKeyShape;

    private const TextFacts UnderscorePrefixed = AnyKey | TextFacts.Underscore | TextFacts.Lower | TextFacts.LowerKeyShape;

    private const TextFacts SlackToken = AnyKey | TextFacts.Dash | TextFacts.Lower | TextFacts.SlackTokenShape;

    private const TextFacts PrivateKeyBlock = AnyKey | TextFacts.Dash | TextFacts.Upper | TextFacts.DashRun5;

    private ApiKeyDetector()
        : base([UpperPrefixed, UnderscorePrefixed, SlackToken, PrivateKeyBlock])
    {
    }

    public static ApiKeyDetector Instance { get; } = new();

    public override DetectorType Type => DetectorType.ApiKey;

    public override void Find(ReadOnlySpan<byte> text, in TextProfile profile, ref DetectionBuffer found)
    {
        if (profile.Has(UpperPrefixed))
        {
            FindPrefixed(text, "AKIA"u8, [], 0, 16, Token.UpperAlnum, ref found);
            FindPrefixed(text, "ASIA"u8, [], 0, 16, Token.UpperAlnum, ref found);
            FindPrefixed(text, "AIza"u8, [], 0, 35, Token.Base64Url, ref found);
        }

        if (profile.Has(UnderscorePrefixed))
        {
            FindPrefixed(text, "gh"u8, "pousr"u8, (byte)'_', 36, Token.Alnum, ref found);
            FindPrefixed(text, "github_pat_"u8, [], 0, 22, Token.AlnumUnderscore, ref found);
            FindPrefixed(text, "sk_live_"u8, [], 0, 24, Token.Alnum, ref found);
            FindPrefixed(text, "rk_live_"u8, [], 0, 24, Token.Alnum, ref found);
        }

        if (profile.Has(SlackToken))
        {
            FindPrefixed(text, "xox"u8, "abprs"u8, (byte)'-', 10, Token.AlnumDash, ref found);
        }

        if (profile.Has(PrivateKeyBlock))
        {
            FindPrivateKeyBlocks(text, ref found);
        }
    }

    private enum Token
    {
        UpperAlnum,
        Alnum,
        AlnumUnderscore,
        AlnumDash,
        Base64Url,
    }

    private static bool IsTokenByte(byte b, Token token) => token switch
    {
        Token.UpperAlnum => IsUpper(b) || IsDigit(b),
        Token.Alnum => IsAlnum(b),
        Token.AlnumUnderscore => IsAlnum(b) || b == '_',
        Token.AlnumDash => IsAlnum(b) || b == '-',
        _ => IsBase64Url(b),
    };

    /// <summary>
    /// Finds tokens that start with <paramref name="search"/>, then (when <paramref name="variants"/> is not empty) one of
    /// those bytes and <paramref name="separator"/>, then at least <paramref name="minBody"/> token bytes.
    /// </summary>
    private static void FindPrefixed(
        ReadOnlySpan<byte> text,
        ReadOnlySpan<byte> search,
        ReadOnlySpan<byte> variants,
        byte separator,
        int minBody,
        Token token,
        ref DetectionBuffer found)
    {
        var prefixLength = variants.IsEmpty ? search.Length : search.Length + 2;
        var from = 0;
        while (from < text.Length)
        {
            var rel = text[from..].IndexOf(search);
            if (rel < 0)
            {
                return;
            }

            var start = from + rel;
            from = start + 1;
            if ((start > 0 && IsAlnum(text[start - 1])) || !HasVariant(text, start + search.Length, variants, separator))
            {
                continue;
            }

            var end = start + prefixLength;
            while (end < text.Length && IsTokenByte(text[end], token))
            {
                end++;
            }

            if (token == Token.AlnumDash)
            {
                while (text[end - 1] == '-')
                {
                    end--;
                }
            }

            if (end - start - prefixLength < minBody)
            {
                continue;
            }

            // Fail closed: whatever token-ish characters follow the shape are part of the secret.
            while (end < text.Length && IsBase64Url(text[end]) && token != Token.AlnumDash)
            {
                end++;
            }

            found.Add(new Detection(start, end, DetectorType.ApiKey));
            from = end;
        }
    }

    private static bool HasVariant(ReadOnlySpan<byte> text, int at, ReadOnlySpan<byte> variants, byte separator) =>
        variants.IsEmpty || (at + 1 < text.Length && variants.Contains(text[at]) && text[at + 1] == separator);

    private static void FindPrivateKeyBlocks(ReadOnlySpan<byte> text, ref DetectionBuffer found)
    {
        var from = 0;
        while (from < text.Length)
        {
            var rel = text[from..].IndexOf("-----BEGIN "u8);
            if (rel < 0)
            {
                return;
            }

            var start = from + rel;
            var labelStart = start + 11;
            // Labels are short ("ENCRYPTED PRIVATE KEY"); looking further would make a text full of BEGIN lines quadratic.
            var window = text.Slice(labelStart, Math.Min(MaxPemLabel, text.Length - labelStart));
            var labelLength = window.IndexOf("-----"u8);
            if (labelLength < 0 || window[..labelLength].IndexOfAny((byte)'\n', (byte)'\r') >= 0 || !window[..labelLength].EndsWith("PRIVATE KEY"u8))
            {
                from = labelStart;
                continue;
            }

            var bodyStart = labelStart + labelLength + 5;
            var endMarker = text[bodyStart..].IndexOf("-----END "u8);
            var end = text.Length;
            if (endMarker >= 0)
            {
                var close = text[(bodyStart + endMarker + 9)..].IndexOf("-----"u8);
                if (close >= 0)
                {
                    end = bodyStart + endMarker + 9 + close + 5;
                }
            }

            found.Add(new Detection(start, end, DetectorType.ApiKey));
            from = end;
        }
    }
}

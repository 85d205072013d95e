using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using Hoop.Api.V1Alpha1;
using static Hoop.Policy.Masking.Detectors.ByteClasses;

namespace Hoop.Policy.Masking.Detectors;

/// <summary>
/// JSON Web Tokens: base64url segments separated by dots (three, or five for an encrypted token), the first decoding to
/// a JSON object with an <c>alg</c> member. The signature may be empty (an unsecured token is still a credential).
/// </summary>
internal sealed class JwtDetector : SensitiveContentDetector
{
    private const int MaxHeaderLength = 8192;

    private static readonly SearchValues<byte> Base64UrlBytes =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"u8);

    private JwtDetector()
        : base([TextFacts.AtLeast16Bytes | TextFacts.Dot | TextFacts.Lower | TextFacts.Upper | TextFacts.NonHexLetter | TextFacts.JwtShape])
    {
    }

    public static JwtDetector Instance { get; } = new();

    public override DetectorType Type => DetectorType.Jwt;

    public override void Find(ReadOnlySpan<byte> text, in TextProfile profile, ref DetectionBuffer found)
    {
        var from = 0;
        while (from < text.Length)
        {
            var rel = text[from..].IndexOf("eyJ"u8);
            if (rel < 0)
            {
                return;
            }

            var start = from + rel;
            from = start + 1;
            if (start > 0 && IsBase64Url(text[start - 1]))
            {
                continue;
            }

            var headerEnd = SegmentEnd(text, start);
            if (headerEnd >= text.Length || text[headerEnd] != '.')
            {
                continue;
            }

            var payloadEnd = SegmentEnd(text, headerEnd + 1);
            if (payloadEnd == headerEnd + 1 || payloadEnd >= text.Length || text[payloadEnd] != '.')
            {
                continue;
            }

            if (!HeaderNamesAlgorithm(text[start..headerEnd]))
            {
                continue;
            }

            // Further dotted segments (an encrypted token's five parts) belong to the token.
            var end = SegmentEnd(text, payloadEnd + 1);
            while (end + 1 < text.Length && text[end] == '.' && IsBase64Url(text[end + 1]))
            {
                end = SegmentEnd(text, end + 1);
            }

            found.Add(new Detection(start, end, DetectorType.Jwt));
            from = end;
        }
    }

    private static int SegmentEnd(ReadOnlySpan<byte> text, int i)
    {
        var rel = text[i..].IndexOfAnyExcept(Base64UrlBytes);
        return rel < 0 ? text.Length : i + rel;
    }

    private static bool HeaderNamesAlgorithm(ReadOnlySpan<byte> segment)
    {
        if (segment.Length > MaxHeaderLength)
        {
            return false;
        }

        Span<byte> json = stackalloc byte[(MaxHeaderLength / 4 * 3) + 3];
        if (Base64Url.DecodeFromUtf8(segment, json, out _, out var written) != OperationStatus.Done)
        {
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(json[..written]);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            var hasAlg = false;
            while (reader.Read())
            {
                hasAlg |= reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("alg"u8);
            }

            return hasAlg;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

using System.Text;

namespace Hoop.Policy.Kubernetes;

/// <summary>Splits and decodes a request target into path segments and query values, refusing what could be read two ways.</summary>
internal static class KubernetesPath
{
    public static bool TrySplit(
        string target,
        out string path,
        out IReadOnlyList<string> segments,
        out IReadOnlyDictionary<string, string> query,
        out string? error)
    {
        path = "";
        segments = [];
        query = new Dictionary<string, string>();
        if (target.Contains('#', StringComparison.Ordinal))
        {
            error = "the request target has a fragment ('#'), which clients never send.";
            return false;
        }

        var q = target.IndexOf('?', StringComparison.Ordinal);
        var rawPath = q < 0 ? target : target[..q];
        if (!rawPath.StartsWith('/'))
        {
            error = $"the request path '{rawPath}' does not start with '/'.";
            return false;
        }

        var raw = rawPath.Length > 1 && rawPath.EndsWith('/') ? rawPath[1..^1] : rawPath[1..];
        var decoded = new List<string>();
        if (raw.Length > 0)
        {
            foreach (var rawSegment in raw.Split('/'))
            {
                if (!TryDecodeSegment(rawSegment, out var segment, out error))
                {
                    return false;
                }

                decoded.Add(segment);
            }
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (q >= 0 && !TryParseQuery(target[(q + 1)..], values, out error))
        {
            return false;
        }

        path = "/" + string.Join('/', decoded);
        segments = decoded;
        query = values;
        error = null;
        return true;
    }

    /// <summary>The API server's rule for names used in paths: not <c>.</c> or <c>..</c>, and without <c>/</c> or <c>%</c>.</summary>
    public static bool IsValidPathSegmentName(string name) =>
        name is not ("." or "..") && !name.Contains('/', StringComparison.Ordinal) && !name.Contains('%', StringComparison.Ordinal);

    private static bool TryDecodeSegment(string raw, out string segment, out string? error)
    {
        segment = "";
        if (raw.Length == 0)
        {
            error = "the request path has an empty segment ('//').";
            return false;
        }

        if (!TryPercentDecode(raw, plusIsSpace: false, out segment))
        {
            error = $"the path segment '{raw}' has invalid percent-encoding.";
            return false;
        }

        if (segment.Contains('/', StringComparison.Ordinal) || segment.Contains('\\', StringComparison.Ordinal))
        {
            error = $"the path segment '{raw}' encodes a slash or backslash, which would change how the path splits.";
            return false;
        }

        if (segment.Any(char.IsControl))
        {
            error = $"the path segment '{raw}' contains a control character.";
            return false;
        }

        if (segment is "." or "..")
        {
            error = $"the request path has a '{segment}' segment; send the path without dot segments.";
            return false;
        }

        error = null;
        return true;
    }

    private static bool TryParseQuery(string raw, Dictionary<string, string> values, out string? error)
    {
        foreach (var pair in raw.Split('&'))
        {
            if (pair.Length == 0)
            {
                continue;
            }

            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var rawKey = eq < 0 ? pair : pair[..eq];
            var rawValue = eq < 0 ? "" : pair[(eq + 1)..];
            if (rawKey.Contains(';', StringComparison.Ordinal)
                || !TryPercentDecode(rawKey, plusIsSpace: true, out var key)
                || !TryPercentDecode(rawValue, plusIsSpace: true, out var value)
                || key.Any(char.IsControl))
            {
                error = $"the query parameter '{pair}' is malformed.";
                return false;
            }

            // Like Go's url.Values.Get: the first value of a repeated parameter is the one that counts.
            values.TryAdd(key, value);
        }

        error = null;
        return true;
    }

    /// <summary>Decodes <c>%XX</c> escapes as UTF-8; false on a malformed escape or invalid UTF-8.</summary>
    internal static bool TryPercentDecode(string raw, bool plusIsSpace, out string decoded)
    {
        decoded = raw;
        if (!raw.Contains('%', StringComparison.Ordinal) && !(plusIsSpace && raw.Contains('+', StringComparison.Ordinal)))
        {
            return true;
        }

        var bytes = new List<byte>(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c == '%')
            {
                if (i + 2 >= raw.Length || !char.IsAsciiHexDigit(raw[i + 1]) || !char.IsAsciiHexDigit(raw[i + 2]))
                {
                    return false;
                }

                bytes.Add(Convert.ToByte(raw.Substring(i + 1, 2), 16));
                i += 2;
            }
            else if (c == '+' && plusIsSpace)
            {
                bytes.Add((byte)' ');
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
            }
        }

        try
        {
            decoded = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes.ToArray());
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}

using System.Text;

namespace Hoop.Policy.Http;

/// <summary>The checks and normalization steps behind <see cref="HttpRequestTarget.Parse"/>.</summary>
internal static class HttpTargetNormalizer
{
    private const int MaxMethodLength = 32;

    public static HttpRequestTarget Parse(string method, string target)
    {
        if (method.Length is 0 or > MaxMethodLength || !method.All(IsTokenChar))
        {
            return Refused($"'{method}' is not an HTTP method.");
        }

        method = method.ToUpperInvariant();
        if (target.Length > HttpRequestTarget.MaxLength)
        {
            return Refused($"the request target is {target.Length} characters long; at most {HttpRequestTarget.MaxLength} are accepted.", method);
        }

        if (target.Any(c => c <= ' ' || c >= '\u007f'))
        {
            return Refused("the request target contains a space, a control or a non-ASCII character; encode it.", method);
        }

        if (target.Contains('\\', StringComparison.Ordinal))
        {
            return Refused("the request target contains a backslash, which servers read differently; encode it or use '/'.", method);
        }

        if (target.Contains('#', StringComparison.Ordinal))
        {
            return Refused("the request target has a fragment ('#'), which clients never send.", method);
        }

        if (!target.StartsWith('/'))
        {
            if (!TryStripAbsoluteForm(ref target))
            {
                return Refused($"the request target '{target}' is not a path ('/...') or an http(s) URL.", method);
            }
        }

        var q = target.IndexOf('?', StringComparison.Ordinal);
        var rawPath = q < 0 ? target : target[..q];
        var query = q < 0 ? null : target[(q + 1)..];
        if (query is not null && !HasValidEscapes(query))
        {
            return Refused("the query has invalid percent-encoding.", method);
        }

        if (!TryDecodeUnreserved(rawPath, out var decoded, out var error))
        {
            return Refused(error!, method);
        }

        if (!TryRemoveDotSegments(decoded, out var path, out error))
        {
            return Refused(error!, method);
        }

        return new HttpRequestTarget { Method = method, Path = path, Query = query };
    }

    private static bool TryStripAbsoluteForm(ref string target)
    {
        string? rest = null;
        if (target.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            rest = target[7..];
        }
        else if (target.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            rest = target[8..];
        }

        if (rest is null)
        {
            return false;
        }

        var end = rest.IndexOfAny(['/', '?']);
        var authority = end < 0 ? rest : rest[..end];
        if (authority.Length == 0 || authority.Contains('@', StringComparison.Ordinal) || authority.Contains('%', StringComparison.Ordinal))
        {
            return false;
        }

        target = end < 0 ? "/" : rest[end] == '?' ? "/" + rest[end..] : rest[end..];
        return true;
    }

    /// <summary>Decodes escapes of unreserved characters, upper-cases the others, and refuses escapes that change the path's shape.</summary>
    private static bool TryDecodeUnreserved(string raw, out string decoded, out string? error)
    {
        var sb = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] != '%')
            {
                sb.Append(raw[i]);
                continue;
            }

            if (i + 2 >= raw.Length || !char.IsAsciiHexDigit(raw[i + 1]) || !char.IsAsciiHexDigit(raw[i + 2]))
            {
                decoded = "";
                error = "the path has invalid percent-encoding.";
                return false;
            }

            var b = (char)Convert.ToByte(raw.Substring(i + 1, 2), 16);
            if (b is '/' or '\\')
            {
                decoded = "";
                error = "the path encodes a slash or backslash (%2F, %5C), which servers read differently; refused.";
                return false;
            }

            if (b < ' ' || b == '\u007f')
            {
                decoded = "";
                error = "the path encodes a control character; refused.";
                return false;
            }

            if (char.IsAsciiLetterOrDigit(b) || b is '-' or '.' or '_' or '~')
            {
                sb.Append(b);
            }
            else
            {
                sb.Append('%').Append(char.ToUpperInvariant(raw[i + 1])).Append(char.ToUpperInvariant(raw[i + 2]));
            }

            i += 2;
        }

        decoded = sb.ToString();
        error = null;
        return true;
    }

    /// <summary>Collapses repeated slashes, then removes dot segments (RFC 3986 5.2.4); <c>..</c> never climbs above the root.</summary>
    private static bool TryRemoveDotSegments(string path, out string normalized, out string? error)
    {
        var segments = path[1..].Split('/');
        var hasEmpty = segments.SkipLast(1).Any(s => s.Length == 0);
        var output = new List<string>();
        var trailingSlash = false;
        foreach (var segment in segments)
        {
            var beforeParams = segment.Split(';')[0];
            if (segment.Contains(';', StringComparison.Ordinal) && beforeParams is "." or "..")
            {
                normalized = "";
                error = $"the path has the segment '{segment}', which some servers treat as a dot segment; refused.";
                return false;
            }

            trailingSlash = false;
            switch (segment)
            {
                case "":
                    trailingSlash = true;
                    break;
                case ".":
                    trailingSlash = true;
                    break;
                case "..":
                    if (hasEmpty)
                    {
                        normalized = "";
                        error = "the path mixes '..' with '//', which servers resolve differently; refused.";
                        return false;
                    }

                    if (output.Count > 0)
                    {
                        output.RemoveAt(output.Count - 1);
                    }

                    trailingSlash = true;
                    break;
                default:
                    output.Add(segment);
                    break;
            }
        }

        normalized = "/" + string.Join('/', output) + (trailingSlash && output.Count > 0 ? "/" : "");
        error = null;
        return true;
    }

    private static bool HasValidEscapes(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '%' && (i + 2 >= s.Length || !char.IsAsciiHexDigit(s[i + 1]) || !char.IsAsciiHexDigit(s[i + 2])))
            {
                return false;
            }
        }

        return true;
    }

    private static HttpRequestTarget Refused(string error, string method = "") =>
        new() { Method = method, Error = error + (error.EndsWith("refused.", StringComparison.Ordinal) ? "" : " The request was refused.") };

    private static bool IsTokenChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal);
}

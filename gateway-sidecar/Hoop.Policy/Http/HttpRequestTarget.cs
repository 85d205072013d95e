namespace Hoop.Policy.Http;

/// <summary>
/// An HTTP request's method and target, normalized so that HTTP rules match what the upstream will serve:
/// rules match <see cref="Path"/>, in which <c>/admin/../admin/x</c>, <c>/%61dmin/x</c> and <c>//admin//x</c> are all <c>/admin/x</c>.
/// </summary>
/// <remarks>
/// Normalization: percent-encoded unreserved characters are decoded and other escapes upper-cased (RFC 3986 6.2.2),
/// repeated slashes are collapsed, then <c>.</c> and <c>..</c> segments are removed (RFC 3986 5.2.4).
/// Paths stay case-sensitive (RFC 3986 6.2.2.1); a rule that must catch <c>/Admin</c> lists it, or uses a set (<c>/[aA]dmin/**</c>).
/// Refused (<see cref="Error"/>), because an upstream could read them differently from the rules: an encoded slash or
/// backslash (<c>%2F</c>, <c>%5C</c>), a raw backslash, NUL and control characters, raw spaces and non-ASCII, invalid
/// percent-encoding, <c>..;</c>-style segments, a <c>..</c> mixed with <c>//</c>, fragments, asterisk- and
/// authority-form targets, and targets over <see cref="MaxLength"/>. Absolute-form targets (<c>http://host/path</c>) are
/// accepted and their path and query used: the gateway forwards to its Connection's target whatever host they name.
/// </remarks>
public sealed class HttpRequestTarget
{
    /// <summary>The longest request target accepted.</summary>
    public const int MaxLength = 8192;

    /// <summary>The method, upper-cased.</summary>
    public string Method { get; init; } = "";

    /// <summary>The normalized path; always starts with <c>/</c>.</summary>
    public string Path { get; init; } = "";

    /// <summary>The query without its <c>?</c>, as sent; null when the target has none.</summary>
    public string? Query { get; init; }

    /// <summary>Why the request was refused; null when it was understood. A refused request must not be forwarded.</summary>
    public string? Error { get; init; }

    /// <summary>Parses and normalizes a request; never throws. Check <see cref="Error"/> before using the other fields.</summary>
    public static HttpRequestTarget Parse(string method, string rawTarget) =>
        HttpTargetNormalizer.Parse(method ?? "", rawTarget ?? "");
}

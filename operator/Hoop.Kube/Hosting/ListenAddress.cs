using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;

namespace Hoop.Kube.Hosting;

/// <summary>Reads the <c>HOST:PORT</c> of a listen option: an IP address (IPv6 in brackets), <c>localhost</c>, or nothing for every address.</summary>
internal static class ListenAddress
{
    public static bool TryParse(string text, [NotNullWhen(true)] out IPEndPoint? endpoint, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        endpoint = null;
        var colon = text.LastIndexOf(':');
        if (colon < 0 || (text.Contains(':', StringComparison.Ordinal) && text.IndexOf(':') != colon && !text.StartsWith('[')))
        {
            error = $"'{text}' is not HOST:PORT (e.g. 127.0.0.1:8443, [::1]:8443 or :8443 for every address)";
            return false;
        }

        var host = text[..colon];
        if (!int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            error = $"'{text}' has no valid port: give a number from 0 to 65535 after the last ':' (0 picks a free one)";
            return false;
        }

        IPAddress? address = host switch
        {
            "" => IPAddress.Any,
            "localhost" => IPAddress.Loopback,
            _ when host.StartsWith('[') && host.EndsWith(']') && IPAddress.TryParse(host[1..^1], out var v6) => v6,
            _ when !host.StartsWith('[') && IPAddress.TryParse(host, out var v4) => v4,
            _ => null,
        };
        if (address is null)
        {
            error = $"'{host}' in '{text}' is not an IP address: listen on an address (127.0.0.1, 0.0.0.0, [::]) rather than a host name";
            return false;
        }

        endpoint = new IPEndPoint(address, port);
        error = null;
        return true;
    }
}

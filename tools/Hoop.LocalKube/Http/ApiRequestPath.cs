namespace Hoop.LocalKube.Http;

/// <summary>
/// A resource request path taken apart the way the API server's RequestInfoFactory does:
/// <c>/api/v1[/namespaces/NS]/RESOURCE[/NAME[/SUBRESOURCE]]</c> and the same under <c>/apis/GROUP/VERSION</c>.
/// </summary>
internal sealed record ApiRequestPath(string Group, string Version, string? Namespace, string Resource, string? Name, string? Subresource)
{
    private static readonly HashSet<string> NamespaceSubresources = ["status", "finalize"];

    public static ApiRequestPath? Parse(string path)
    {
        var segments = path.Trim('/').Split('/');
        string group, version;
        int rest;
        if (segments is ["api", var coreVersion, ..] && segments.Length > 2)
        {
            (group, version, rest) = ("", coreVersion, 2);
        }
        else if (segments is ["apis", var g, var v, ..] && segments.Length > 3)
        {
            (group, version, rest) = (g, v, 3);
        }
        else
        {
            return null;
        }

        var tail = segments[rest..].Select(Uri.UnescapeDataString).ToArray();
        if (tail.Any(s => s.Length == 0))
        {
            return null;
        }

        return tail switch
        {
            // /namespaces/NS/status and /finalize are the Namespace's own subresources.
            ["namespaces", var name, var sub] when NamespaceSubresources.Contains(sub) => new(group, version, null, "namespaces", name, sub),
            ["namespaces", var ns, var resource, .. var more] when more.Length <= 2 =>
                new(group, version, ns, resource, more.ElementAtOrDefault(0), more.ElementAtOrDefault(1)),
            [var resource] => new(group, version, null, resource, null, null),
            [var resource, var name] => new(group, version, null, resource, name, null),
            [var resource, var name, var sub] => new(group, version, null, resource, name, sub),
            _ => null,
        };
    }
}

namespace Hoop.Policy.Kubernetes;

/// <summary>The RequestInfoFactory algorithm of kube-apiserver (k8s.io/apiserver/pkg/endpoints/request), over a checked path.</summary>
internal static class KubernetesRequestInfoParser
{
    // Verbs that appear as a path segment before the resource (deprecated: /api/v1/watch/pods, /api/v1/proxy/nodes/n).
    private static readonly HashSet<string> SpecialVerbs = ["proxy", "watch"];

    // Segments after namespaces/{name} that are subresources of the namespace, not namespaced resources.
    private static readonly HashSet<string> NamespaceSubresources = ["status", "finalize"];

    private static readonly HashSet<string> VerbsWithSelectors = ["list", "watch", "deletecollection"];

    public static KubernetesRequestInfo Parse(string method, string pathAndQuery)
    {
        if (method.Length == 0 || !method.All(IsTokenChar))
        {
            return Refused($"'{method}' is not an HTTP method.");
        }

        if (pathAndQuery.Length > KubernetesRequestInfo.MaxLength)
        {
            return Refused($"the request path is {pathAndQuery.Length} characters long; at most {KubernetesRequestInfo.MaxLength} are accepted.");
        }

        if (!KubernetesPath.TrySplit(pathAndQuery, out var path, out var segments, out var query, out var error))
        {
            return Refused(error!);
        }

        var nonResource = new KubernetesRequestInfo { Path = path, Verb = method.ToLowerInvariant() };
        if (segments.Count < 3 || segments[0] is not ("api" or "apis"))
        {
            return nonResource;
        }

        var prefix = segments[0];
        var parts = segments.Skip(1).ToList();
        var group = "";
        if (prefix == "apis")
        {
            if (parts.Count < 3)
            {
                return nonResource;
            }

            group = parts[0];
            parts.RemoveAt(0);
        }

        var version = parts[0];
        parts.RemoveAt(0);

        string verb;
        var verbViaPath = false;
        if (SpecialVerbs.Contains(parts[0]))
        {
            if (parts.Count < 2)
            {
                return Refused($"'{path}' names the verb '{parts[0]}' but no resource; the API server cannot tell what it is for.");
            }

            verb = parts[0];
            parts.RemoveAt(0);
            verbViaPath = true;
        }
        else
        {
            verb = method switch
            {
                "POST" => "create",
                "GET" or "HEAD" => "get",
                "PUT" => "update",
                "PATCH" => "patch",
                "DELETE" => "delete",
                _ => "",
            };
        }

        var ns = "";
        if (parts[0] == "namespaces" && parts.Count > 1)
        {
            ns = parts[1];
            if (parts.Count > 2 && !NamespaceSubresources.Contains(parts[2]))
            {
                parts.RemoveRange(0, 2);
            }
        }

        var resource = parts[0];
        var name = parts.Count >= 2 ? parts[1] : "";
        var subresource = parts.Count >= 3 && verb != "proxy" ? parts[2] : "";

        if (name.Length == 0 && verb == "get")
        {
            verb = IsWatch(query) ? "watch" : "list";
            if (query.TryGetValue("fieldSelector", out var selector)
                && KubernetesFieldSelector.RequiredExactMatch(selector, "metadata.name") is { } selected
                && KubernetesPath.IsValidPathSegmentName(selected))
            {
                name = selected;
            }
        }

        if (name.Length == 0 && verb == "delete")
        {
            verb = "deletecollection";
        }

        var withSelectors = !verbViaPath && VerbsWithSelectors.Contains(verb);
        return new KubernetesRequestInfo
        {
            IsResourceRequest = true,
            Path = path,
            Verb = verb,
            ApiPrefix = prefix,
            ApiGroup = group,
            ApiVersion = version,
            Namespace = ns,
            Resource = resource,
            Subresource = subresource,
            Name = name,
            Parts = parts.ToArray(),
            FieldSelector = withSelectors ? query.GetValueOrDefault("fieldSelector", "") : "",
            LabelSelector = withSelectors ? query.GetValueOrDefault("labelSelector", "") : "",
        };
    }

    /// <summary>Like the API server's bool conversion: present and not <c>0</c> or <c>false</c> (any case) means true, even empty.</summary>
    private static bool IsWatch(IReadOnlyDictionary<string, string> query) =>
        query.TryGetValue("watch", out var value) && value != "0" && !value.Equals("false", StringComparison.OrdinalIgnoreCase);

    private static KubernetesRequestInfo Refused(string error) => new() { Error = error + " The request was refused." };

    private static bool IsTokenChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal);
}

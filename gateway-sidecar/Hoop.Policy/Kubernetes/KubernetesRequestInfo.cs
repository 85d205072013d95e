namespace Hoop.Policy.Kubernetes;

/// <summary>
/// What a Kubernetes API request does, derived from its method and path the way kube-apiserver's RequestInfoFactory
/// derives it for authorization: verb, API group and version, namespace, resource, subresource and name.
/// </summary>
/// <remarks>
/// Paths are case-sensitive, as in the API server. Percent-encoding is decoded per segment; a segment that decodes to
/// something with a <c>/</c>, a control character, or to <c>.</c> or <c>..</c>, an empty segment (<c>//</c>), a backslash,
/// a fragment, or a malformed query is refused (<see cref="Error"/>): the API server would route such a path differently
/// from how it authorizes it or reject it, and no Kubernetes client sends one.
/// </remarks>
public sealed class KubernetesRequestInfo
{
    /// <summary>The longest path and query accepted.</summary>
    public const int MaxLength = 8192;

    /// <summary>True for requests on API resources; false for <c>/healthz</c>, <c>/version</c>, <c>/api</c>, <c>/apis/apps</c> and the like.</summary>
    public bool IsResourceRequest { get; init; }

    /// <summary>The decoded path, without the query.</summary>
    public string Path { get; init; } = "";

    /// <summary>
    /// The Kubernetes verb (<c>get list watch create update patch delete deletecollection proxy</c>; empty for a method
    /// the API server has no verb for); for a non-resource request, the lower-cased HTTP method.
    /// </summary>
    public string Verb { get; init; } = "";

    /// <summary><c>api</c> or <c>apis</c> for resource requests.</summary>
    public string ApiPrefix { get; init; } = "";

    /// <summary>The API group; empty for the core group (<c>/api/v1</c>).</summary>
    public string ApiGroup { get; init; } = "";

    public string ApiVersion { get; init; } = "";

    /// <summary>The namespace; empty for cluster-scoped requests (and for <c>namespaces/{name}</c> itself).</summary>
    public string Namespace { get; init; } = "";

    public string Resource { get; init; } = "";

    public string Subresource { get; init; } = "";

    /// <summary>The object name, from the path or from a <c>metadata.name=</c> field selector on list and watch.</summary>
    public string Name { get; init; } = "";

    /// <summary>The path segments from the resource on: <c>resource/name/subresource/...</c>.</summary>
    public IReadOnlyList<string> Parts { get; init; } = [];

    /// <summary>The <c>fieldSelector</c> of a list, watch or deletecollection request.</summary>
    public string FieldSelector { get; init; } = "";

    /// <summary>The <c>labelSelector</c> of a list, watch or deletecollection request.</summary>
    public string LabelSelector { get; init; } = "";

    /// <summary>Why the request was refused; null when it was understood. A refused request must not be forwarded.</summary>
    public string? Error { get; init; }

    /// <summary>Parses a request; never throws. Check <see cref="Error"/> before using the other fields.</summary>
    public static KubernetesRequestInfo Parse(string method, string pathAndQuery) =>
        KubernetesRequestInfoParser.Parse(method ?? "", pathAndQuery ?? "");
}

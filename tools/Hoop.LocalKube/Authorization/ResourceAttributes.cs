namespace Hoop.LocalKube.Authorization;

/// <summary>A resource request to authorize, shaped like SubjectAccessReview's <c>spec.resourceAttributes</c>.</summary>
internal sealed record ResourceAttributes
{
    /// <summary>Empty for cluster-scoped resources and for requests across all namespaces.</summary>
    public string Namespace { get; init; } = "";
    public string Verb { get; init; } = "";
    public string Group { get; init; } = "";
    public string Version { get; init; } = "";
    public string Resource { get; init; } = "";
    public string Subresource { get; init; } = "";
    /// <summary>Empty for requests that name no object, such as list, watch and create.</summary>
    public string Name { get; init; } = "";
}

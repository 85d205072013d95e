namespace Hoop.LocalKube.Authorization;

/// <summary>A request for a path outside the resource API (<c>/healthz</c>, <c>/version</c>), shaped like <c>spec.nonResourceAttributes</c>.</summary>
internal sealed record NonResourceAttributes
{
    public string Path { get; init; } = "";
    public string Verb { get; init; } = "";
}

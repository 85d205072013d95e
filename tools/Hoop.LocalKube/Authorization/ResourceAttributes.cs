namespace Hoop.LocalKube.Authorization;

/// <summary>What a request does to which resource, as a SubjectAccessReview's <c>resourceAttributes</c> says.</summary>
internal sealed record ResourceAttributes(string Verb, string Group, string Resource, string? Subresource = null, string? Namespace = null, string? Name = null);

/// <summary>A request to a non-resource URL (<c>/healthz</c>, <c>/version</c>), as <c>nonResourceAttributes</c> says.</summary>
internal sealed record NonResourceAttributes(string Verb, string Path);

/// <summary>An authorizer's answer; the reason names the binding that allowed it.</summary>
internal sealed record Decision(bool Allowed, string Reason);

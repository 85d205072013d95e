namespace Hoop.Gateway.Authentication;

/// <summary>A person (or workload) the gateway authenticated; <see cref="Method"/> is <c>kubernetes</c> or <c>oidc</c>.</summary>
internal sealed record EndUser(string Name, string? Uid, IReadOnlyList<string> Groups, string Method);

namespace Hoop.LocalKube.Authorization;

/// <summary>
/// The rules one binding grants a user, with the binding described as the real authorizer's reason names it;
/// or, when the binding's role cannot be found, why (<see cref="ResolutionError"/>) and no rules.
/// </summary>
internal sealed record BoundRules(string Source, IReadOnlyList<PolicyRule> Rules, string? ResolutionError);

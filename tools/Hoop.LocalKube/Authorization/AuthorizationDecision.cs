namespace Hoop.LocalKube.Authorization;

/// <summary>
/// An authorizer's answer. <see cref="Reason"/> names the binding that allowed the request; on a denial it is empty,
/// unless role references could not be resolved, which RBAC reports there (not in <see cref="EvaluationError"/>).
/// </summary>
internal sealed record AuthorizationDecision(bool Allowed, string Reason, string? EvaluationError)
{
    public static AuthorizationDecision Allow(string reason) => new(true, reason, null);

    public static AuthorizationDecision NoOpinion(string reason) => new(false, reason, null);
}

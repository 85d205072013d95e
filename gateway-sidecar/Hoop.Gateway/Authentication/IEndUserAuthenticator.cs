namespace Hoop.Gateway.Authentication;

/// <summary>Turns the bearer token an end user put in the password field into an identity.</summary>
internal interface IEndUserAuthenticator
{
    /// <summary>
    /// Never throws for a bad token or an unreachable verifier: those are failed outcomes (fail closed). Only the
    /// caller's own cancellation ends it with an <see cref="OperationCanceledException"/>.
    /// </summary>
    ValueTask<AuthenticationOutcome> AuthenticateAsync(string token, CancellationToken cancellationToken);
}

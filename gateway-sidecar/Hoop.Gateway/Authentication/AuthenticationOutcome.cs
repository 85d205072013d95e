using System.Diagnostics.CodeAnalysis;

namespace Hoop.Gateway.Authentication;

/// <summary>
/// The answer to one authentication: the user, or a reason safe to show the client and to log, because it never
/// carries the token or any part of it.
/// </summary>
internal sealed class AuthenticationOutcome
{
    private AuthenticationOutcome(EndUser? user, string? failure)
    {
        User = user;
        Failure = failure;
    }

    public EndUser? User { get; }

    public string? Failure { get; }

    [MemberNotNullWhen(true, nameof(User))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Succeeded => User is not null;

    public static AuthenticationOutcome Success(EndUser user) => new(user, null);

    public static AuthenticationOutcome Failed(string reason) => new(null, reason);
}

namespace Hoop.Policy.Rules;

/// <summary>
/// How a rule's conditions treat what cannot be known exactly. An Allow rule matches only when every table, command
/// and namespace is known and covered (strict); a Deny or RequireApproval rule matches when any of them is covered or
/// when something could not be known (loose). Either way, doubt never lets an operation through.
/// </summary>
internal enum MatchBreadth
{
    Strict,
    Loose,
}

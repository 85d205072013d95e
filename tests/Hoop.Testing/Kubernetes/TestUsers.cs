namespace Hoop.Testing.Kubernetes;

/// <summary>
/// The people of every LocalKube test: an administrator, a requester (alice), two dba-leads reviewers (bob, carol)
/// and dave, who holds no rights at all, each with a static token.
/// <c>admin</c> is in <c>system:masters</c>, as a cluster's admin certificate is.
/// </summary>
public static class TestUsers
{
    public const string Admin = "admin";
    public const string Alice = "alice";
    public const string Bob = "bob";
    public const string Carol = "carol";
    public const string Dave = "dave";

    public static string TokensCsv { get; } = string.Join('\n',
        "admin-token-0b1c9d,admin,uid-admin,\"system:masters\"",
        "alice-token-4f2a71,alice,uid-alice,\"developers\"",
        "bob-token-9e3d55,bob,uid-bob,\"dba-leads,reviewers\"",
        "carol-token-17ac0e,carol,uid-carol,\"dba-leads,reviewers\"",
        "dave-token-c4e802,dave,uid-dave,\"contractors\"");

    public static string TokenOf(string user) =>
        TokensCsv.Split('\n').Select(l => l.Split(',')).Single(f => f[1] == user)[0];
}

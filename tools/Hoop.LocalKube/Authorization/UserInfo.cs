namespace Hoop.LocalKube.Authorization;

/// <summary>An authenticated identity, as kube-apiserver's <c>user.Info</c> carries it to authorization.</summary>
internal sealed record UserInfo(
    string Username,
    string Uid,
    IReadOnlyList<string> Groups,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Extra)
{
    /// <summary>Members are allowed everything, before RBAC is asked, like kube-apiserver's privileged group.</summary>
    public const string SuperuserGroup = "system:masters";

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoExtra =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);

    public static UserInfo Named(string username, params string[] groups) => new(username, "", groups, NoExtra);

    /// <summary>A user as an authenticator found it, with no extra attributes.</summary>
    public static UserInfo Authenticated(string username, string uid, IReadOnlyList<string> groups) => new(username, uid, groups, NoExtra);

    /// <summary>The username a ServiceAccount token authenticates as.</summary>
    public static string ServiceAccountUsername(string serviceAccountNamespace, string name) =>
        $"system:serviceaccount:{serviceAccountNamespace}:{name}";
}

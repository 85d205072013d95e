namespace Hoop.LocalKube.Authorization;

/// <summary>An authenticated user, as the API server's authenticators produce it.</summary>
internal sealed record UserInfo(string Username, string Uid, IReadOnlyList<string> Groups)
{
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Extra { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
}

namespace Hoop.Operator.Webhooks;

/// <summary>The caller of a write as the API server authenticated it: the only identity the webhooks trust.</summary>
internal sealed record AdmissionUser(
    string Username,
    string? Uid,
    IReadOnlyList<string> Groups,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Extra)
{
    public bool IsInAnyOf(IEnumerable<string> groups) => groups.Any(g => Groups.Contains(g, StringComparer.Ordinal));
}

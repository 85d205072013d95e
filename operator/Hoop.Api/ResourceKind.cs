namespace Hoop.Api;

/// <summary>The names a custom resource kind is served under: kind, plural, singular and short name.</summary>
public sealed record ResourceKind(string Kind, string Plural, string ShortName)
{
    public static ResourceKind Connection { get; } = new("Connection", "connections", "conn");

    public static ResourceKind ApprovalPolicy { get; } = new("ApprovalPolicy", "approvalpolicies", "ap");

    public static ResourceKind AccessRequest { get; } = new("AccessRequest", "accessrequests", "ar");

    public static IReadOnlyList<ResourceKind> All { get; } = [Connection, ApprovalPolicy, AccessRequest];

    public string Singular => Kind.ToLowerInvariant();

    /// <summary>The CustomResourceDefinition's metadata.name, <c>plural.group</c>.</summary>
    public string CrdName => $"{Plural}.{HoopApiGroup.Group}";

    /// <summary>The file <c>make manifests</c> writes the CRD to, under <c>crds/</c>.</summary>
    public string CrdFileName => $"{HoopApiGroup.Group}_{Plural}.yaml";

    /// <summary>
    /// Resolves a name the way kubectl does: kind (any case), plural, singular, short name, or any of
    /// these qualified with the group (<c>accessrequests.hoop.dev</c>). Null when the name is none of ours.
    /// </summary>
    public static ResourceKind? Resolve(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var suffix = "." + HoopApiGroup.Group;
        var bare = name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) ? name[..^suffix.Length] : name;
        foreach (var kind in All)
        {
            if (string.Equals(bare, kind.Kind, StringComparison.OrdinalIgnoreCase)
                || bare == kind.Plural || bare == kind.Singular || bare == kind.ShortName)
            {
                return kind;
            }
        }

        return null;
    }
}

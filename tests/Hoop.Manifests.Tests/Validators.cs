using Hoop.Api.Serialization;
using Hoop.LocalKube.Validation;
using Hoop.Manifests.Crds;
using Hoop.Testing;

namespace Hoop.Manifests.Tests;

/// <summary>A validator per kind, built from the CRDs committed in crds/ (what users apply).</summary>
internal static class Validators
{
    private static readonly Lazy<Dictionary<string, CrdValidator>> ByKind = new(() =>
        CrdBuilder.Kinds.ToDictionary(
            k => k.Kind.Kind,
            k => new CrdValidator(YamlDocuments.ParseSingleObject(File.ReadAllText(RepositoryFiles.PathOf($"crds/{k.Kind.CrdFileName}"))))));

    public static CrdValidator For(string kind) => ByKind.Value[kind];

    public static IEnumerable<CrdValidator> All => ByKind.Value.Values;
}

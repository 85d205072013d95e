using Hoop.Api.V1Alpha1;

namespace Hoop.Policy.Masking;

/// <summary>Orders masking strategies by how little of a value they reveal: redact, then hash, then partial.</summary>
internal static class MaskStrategies
{
    public static bool IsKnown(MaskingStrategy strategy) => strategy is MaskingStrategy.Redact or MaskingStrategy.Partial or MaskingStrategy.Hash;

    public static MaskingStrategy Strongest(MaskingStrategy a, MaskingStrategy b) => Rank(a) >= Rank(b) ? a : b;

    private static int Rank(MaskingStrategy strategy) => strategy switch
    {
        MaskingStrategy.Redact => 2,
        MaskingStrategy.Hash => 1,
        _ => 0,
    };
}

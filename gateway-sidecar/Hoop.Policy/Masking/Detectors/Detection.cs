using Hoop.Api.V1Alpha1;

namespace Hoop.Policy.Masking.Detectors;

/// <summary>
/// A range of a value that a detector recognised, <c>[Start, End)</c> in bytes. After merging, one range may cover several
/// overlapping detections (<see cref="Merged"/>), of one type or of several (<see cref="MixedTypes"/>).
/// </summary>
internal readonly record struct Detection(int Start, int End, DetectorType Type)
{
    public MaskingStrategy Strategy { get; init; }

    public bool Merged { get; init; }

    public bool MixedTypes { get; init; }

    public int Length => End - Start;
}

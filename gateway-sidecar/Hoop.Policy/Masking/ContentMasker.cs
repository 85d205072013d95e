using System.Buffers;
using Hoop.Api.V1Alpha1;
using Hoop.Policy.Masking.Detectors;

namespace Hoop.Policy.Masking;

/// <summary>
/// Runs the enabled detectors over a value and rewrites what they find. Detectors look at ASCII only, so the bytes
/// between findings, valid UTF-8 or not, are copied through unchanged.
/// </summary>
internal sealed class ContentMasker
{
    private const int StackDetections = 16;

    private readonly SensitiveContentDetector[] _detectors;
    private readonly MaskingStrategy[] _strategyByType;
    private readonly KeyedHash _hash;

    public ContentMasker(IReadOnlyList<(DetectorType Type, MaskingStrategy Strategy)> detectors, KeyedHash hash)
    {
        _detectors = new SensitiveContentDetector[detectors.Count];
        _strategyByType = new MaskingStrategy[(int)DetectorType.ApiKey + 1];
        for (var i = 0; i < detectors.Count; i++)
        {
            _detectors[i] = DetectorCatalog.For(detectors[i].Type);
            _strategyByType[(int)detectors[i].Type] = detectors[i].Strategy;
        }

        _hash = hash;
    }

    public bool IsEmpty => _detectors.Length == 0;

    public IEnumerable<DetectorType> Types => _detectors.Select(d => d.Type);

    /// <summary>Writes the masked value and returns true, or returns false having written nothing when nothing was found.</summary>
    public bool TryMask(ReadOnlySpan<byte> value, IBufferWriter<byte> output)
    {
        if (_detectors.Length == 0 || value.IsEmpty)
        {
            return false;
        }

        var profile = TextProfile.Of(value);
        if (!MightContainAny(profile))
        {
            return false;
        }

        var found = new DetectionBuffer(stackalloc Detection[StackDetections]);
        try
        {
            Find(value, profile, ref found);
            if (found.Count == 0)
            {
                return false;
            }

            Write(value, found.Items, output);
            return true;
        }
        finally
        {
            found.Dispose();
        }
    }

    /// <summary>Fills <paramref name="found"/> with the merged, ordered detections in <paramref name="value"/>.</summary>
    public void Find(ReadOnlySpan<byte> value, ref DetectionBuffer found) => Find(value, TextProfile.Of(value), ref found);

    private bool MightContainAny(in TextProfile profile)
    {
        foreach (var detector in _detectors)
        {
            if (detector.MightContain(profile))
            {
                return true;
            }
        }

        return false;
    }

    private void Find(ReadOnlySpan<byte> value, in TextProfile profile, ref DetectionBuffer found)
    {
        foreach (var detector in _detectors)
        {
            if (detector.MightContain(profile))
            {
                detector.Find(value, profile, ref found);
            }
        }

        if (found.Count == 0)
        {
            return;
        }

        var items = found.Items;
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = items[i] with { Strategy = _strategyByType[(int)items[i].Type] };
        }

        found.SortAndMerge();
    }

    public void Write(ReadOnlySpan<byte> value, ReadOnlySpan<Detection> detections, IBufferWriter<byte> output)
    {
        var pos = 0;
        foreach (var d in detections)
        {
            output.Write(value[pos..d.Start]);
            WriteMasked(value[d.Start..d.End], d, output);
            pos = d.End;
        }

        output.Write(value[pos..]);
    }

    private void WriteMasked(ReadOnlySpan<byte> region, in Detection d, IBufferWriter<byte> output)
    {
        DetectorType? type = d.MixedTypes ? null : d.Type;
        switch (d.Strategy)
        {
            case MaskingStrategy.Hash:
                _hash.Write(region, d.Merged ? null : type, output);
                break;

            // Keeping part of a union of overlapping findings could reveal part of one of them: redact it instead.
            case MaskingStrategy.Partial when !d.Merged:
                PartialFormats.Write(region, d.Type, output);
                break;
            default:
                output.Write(type is { } t ? RedactionMarkers.For(t) : RedactionMarkers.Column);
                break;
        }
    }
}

using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
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

    // Every detector's prerequisite fact sets side by side, so ruling a value out costs no call per detector.
    private readonly TextFacts[] _prerequisites;
    private readonly uint[] _detectorBits;

    // A value with none of these facts has no candidate detector.
    private readonly TextFacts _gate;

    public ContentMasker(IReadOnlyList<(DetectorType Type, MaskingStrategy Strategy)> detectors, KeyedHash hash)
    {
        _detectors = new SensitiveContentDetector[detectors.Count];
        _strategyByType = new MaskingStrategy[(int)DetectorType.ApiKey + 1];
        var prerequisites = new List<TextFacts>();
        var detectorBits = new List<uint>();
        for (var i = 0; i < detectors.Count; i++)
        {
            _detectors[i] = DetectorCatalog.For(detectors[i].Type);
            _strategyByType[(int)detectors[i].Type] = detectors[i].Strategy;
            foreach (var facts in _detectors[i].Prerequisites)
            {
                prerequisites.Add(facts);
                detectorBits.Add(1u << i);

                // Any one fact of each prerequisite would do; the rare ones rule most values out. One that needs
                // nothing lets every value through.
                _gate |= facts == TextFacts.None ? (TextFacts)ulong.MaxValue
                    : (facts & TextFacts.Rare) != 0 ? facts & TextFacts.Rare : facts;
            }
        }

        _prerequisites = [.. prerequisites];
        _detectorBits = [.. detectorBits];
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
        var candidates = Candidates(profile.Facts);
        return candidates != 0 && TryMask(value, profile, candidates, output);
    }

    // Apart from the common case above, which has no stack buffer to set up and nothing to clean up.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool TryMask(ReadOnlySpan<byte> value, in TextProfile profile, uint candidates, IBufferWriter<byte> output)
    {
        var found = new DetectionBuffer(stackalloc Detection[StackDetections]);
        try
        {
            Find(value, profile, candidates, ref found);
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
    public void Find(ReadOnlySpan<byte> value, ref DetectionBuffer found)
    {
        var profile = TextProfile.Of(value);
        Find(value, profile, Candidates(profile.Facts), ref found);
    }

    /// <summary>One bit per detector (in the order the Connection lists them) that might find something in the value.</summary>
    private uint Candidates(TextFacts facts)
    {
        if ((facts & _gate) == 0)
        {
            return 0;
        }

        var candidates = 0u;
        var prerequisites = _prerequisites;
        for (var i = 0; i < prerequisites.Length; i++)
        {
            if ((facts & prerequisites[i]) == prerequisites[i])
            {
                candidates |= _detectorBits[i];
            }
        }

        return candidates;
    }

    private void Find(ReadOnlySpan<byte> value, in TextProfile profile, uint candidates, ref DetectionBuffer found)
    {
        while (candidates != 0)
        {
            _detectors[BitOperations.TrailingZeroCount(candidates)].Find(value, profile, ref found);
            candidates &= candidates - 1;
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

using System.Buffers;

namespace Hoop.Policy.Masking.Detectors;

/// <summary>
/// Collects detections in caller-provided stack space and moves to a pooled array only when a value holds more of them,
/// so a scan that finds nothing, or a few things, allocates nothing.
/// </summary>
internal ref struct DetectionBuffer
{
    private Span<Detection> _items;
    private Detection[]? _rented;

    public DetectionBuffer(Span<Detection> initial)
    {
        _items = initial;
        _rented = null;
        Count = 0;
    }

    public int Count { get; private set; }

    public readonly Span<Detection> Items => _items[..Count];

    public void Add(Detection detection)
    {
        if (Count == _items.Length)
        {
            Grow();
        }

        _items[Count++] = detection;
    }

    /// <summary>Sorts by start and merges overlapping detections, so every byte is masked at most once and never in part.</summary>
    public void SortAndMerge()
    {
        var items = _items[..Count];
        for (var i = 1; i < items.Length; i++)
        {
            var current = items[i];
            var j = i - 1;
            while (j >= 0 && (items[j].Start > current.Start || (items[j].Start == current.Start && items[j].End < current.End)))
            {
                items[j + 1] = items[j];
                j--;
            }

            items[j + 1] = current;
        }

        var merged = 0;
        for (var i = 0; i < items.Length; i++)
        {
            var next = items[i];
            if (merged > 0 && next.Start < items[merged - 1].End)
            {
                var last = items[merged - 1];
                items[merged - 1] = last with
                {
                    End = Math.Max(last.End, next.End),
                    Strategy = MaskStrategies.Strongest(last.Strategy, next.Strategy),
                    Merged = true,
                    MixedTypes = last.MixedTypes || last.Type != next.Type,
                };
            }
            else
            {
                items[merged++] = next;
            }
        }

        Count = merged;
    }

    public void Dispose()
    {
        if (_rented is not null)
        {
            ArrayPool<Detection>.Shared.Return(_rented);
            _rented = null;
        }
    }

    private void Grow()
    {
        var larger = ArrayPool<Detection>.Shared.Rent(Math.Max(16, _items.Length * 2));
        _items.CopyTo(larger);
        if (_rented is not null)
        {
            ArrayPool<Detection>.Shared.Return(_rented);
        }

        _rented = larger;
        _items = larger;
    }
}

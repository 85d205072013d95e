using Hoop.Api.V1Alpha1;

namespace Hoop.Policy.Masking.Detectors;

/// <summary>
/// Finds one kind of sensitive content inside a UTF-8 value and validates each candidate; candidates that fail validation
/// are not reported. Detectors are stateless and shared; they look at ASCII only and treat other bytes as separators
/// unless they say otherwise.
/// </summary>
internal abstract class SensitiveContentDetector
{
    public abstract DetectorType Type { get; }

    /// <summary>A cheap test on the value's profile; false means <see cref="Find"/> cannot find anything.</summary>
    public abstract bool MightContain(in TextProfile profile);

    /// <summary>Adds every validated occurrence in <paramref name="text"/> (whose profile is given) to <paramref name="found"/>.</summary>
    public abstract void Find(ReadOnlySpan<byte> text, in TextProfile profile, ref DetectionBuffer found);

    /// <summary>Whether the whole value is exactly one occurrence (used to pick the partial format of a column value).</summary>
    public bool MatchesWhole(ReadOnlySpan<byte> text, in TextProfile profile)
    {
        if (text.IsEmpty || !MightContain(profile))
        {
            return false;
        }

        var found = new DetectionBuffer(stackalloc Detection[4]);
        try
        {
            Find(text, profile, ref found);
            foreach (var d in found.Items)
            {
                if (d.Start == 0 && d.End == text.Length)
                {
                    return true;
                }
            }

            return false;
        }
        finally
        {
            found.Dispose();
        }
    }
}

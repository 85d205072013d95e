using Hoop.Api.V1Alpha1;

namespace Hoop.Policy.Masking.Detectors;

/// <summary>
/// Finds one kind of sensitive content inside a UTF-8 value and validates each candidate; candidates that fail validation
/// are not reported. Detectors are stateless and shared; they look at ASCII only and treat other bytes as separators
/// unless they say otherwise.
/// </summary>
internal abstract class SensitiveContentDetector
{
    private readonly TextFacts[] _prerequisites;

    /// <param name="prerequisites">
    /// Alternative sets of facts, one of which a value must have for <see cref="Find"/> to find anything in it.
    /// </param>
    protected SensitiveContentDetector(TextFacts[] prerequisites)
    {
        _prerequisites = prerequisites;
    }

    public abstract DetectorType Type { get; }

    /// <summary>The alternative fact sets of which a value needs one (all of its facts) for anything to be found.</summary>
    public ReadOnlySpan<TextFacts> Prerequisites => _prerequisites;

    /// <summary>A cheap test on the value's profile; false means <see cref="Find"/> cannot find anything.</summary>
    public bool MightContain(in TextProfile profile)
    {
        foreach (var facts in _prerequisites)
        {
            if (profile.Has(facts))
            {
                return true;
            }
        }

        return false;
    }

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

using System.Diagnostics;

namespace Hoop.Operator.Tests.Leadership;

/// <summary>When each candidate led, on one monotonic clock, to check that terms never overlap.</summary>
internal sealed class LeadershipLog
{
    private readonly List<(string Who, long Start, long? End)> _terms = [];
    private readonly Lock _lock = new();

    /// <summary>A whileLeading callback that records its term: from the call until its token is cancelled.</summary>
    public Func<CancellationToken, Task> Lead(string who) => async token =>
    {
        int index;
        lock (_lock)
        {
            index = _terms.Count;
            _terms.Add((who, Stopwatch.GetTimestamp(), null));
        }

        // Recorded in the cancellation callback itself: the moment leadership ends, not when a continuation runs.
        using var registration = token.Register(() =>
        {
            lock (_lock)
            {
                _terms[index] = _terms[index] with { End = Stopwatch.GetTimestamp() };
            }
        });
        try
        {
            await Task.Delay(Timeout.Infinite, token);
        }
        catch (OperationCanceledException)
        {
        }
    };

    public IReadOnlyList<(string Who, long Start, long? End)> Terms
    {
        get
        {
            lock (_lock)
            {
                return [.. _terms];
            }
        }
    }

    public int Leaders => Terms.Count(t => t.End is null);

    /// <summary>Fails when any term began before the previous one ended.</summary>
    public void AssertNoOverlap()
    {
        var terms = Terms.OrderBy(t => t.Start).ToList();
        for (var i = 1; i < terms.Count; i++)
        {
            Assert.True(terms[i - 1].End is { } end && end <= terms[i].Start,
                $"{terms[i].Who} began leading while {terms[i - 1].Who} still led");
        }
    }

    /// <summary>From the end of the first term to the start of the second.</summary>
    public TimeSpan Handover()
    {
        var terms = Terms.OrderBy(t => t.Start).ToList();
        Assert.True(terms.Count >= 2, "no second term began");
        return Stopwatch.GetElapsedTime(terms[0].End!.Value, terms[1].Start);
    }
}

namespace Hoop.Policy.Tests.Sql.Corpus;

/// <summary>
/// The server itself says which corpus statements write: it refuses them in a read-only transaction. Each dialect's
/// tests say how to reach their server and how many refusals make the oracle meaningful.
/// </summary>
public abstract class ReadOnlyOracleTests
{
    protected abstract string ServerName { get; }

    /// <summary>Well below what the corpus produces today, well above what a harness that never reaches the server's check would see.</summary>
    protected abstract int MinimumRefusals { get; }

    private protected abstract Task<IReadOnlyList<OracleCase>> RunCorpusAsync(CancellationToken cancellationToken);

    [Fact]
    public async Task The_server_refuses_the_corpus_writes_and_runs_its_reads()
    {
        var cases = await RunCorpusAsync(TestContext.Current.CancellationToken);
        var summary = ReadOnlyOracle.Summary(ServerName, cases);
        TestContext.Current.TestOutputHelper?.WriteLine(summary);
        foreach (var failed in cases.Where(c => c.Verdict == OracleVerdict.Failed))
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"failed otherwise: {failed}");
        }

        foreach (var ran in cases.Where(c => c.Verdict == OracleVerdict.Ran && !c.Entry.AllowsRead))
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"ran read-only, though the corpus forbids read: {ran}");
        }

        var refusals = cases.Count(c => c.Verdict == OracleVerdict.RefusedAsWrite);
        Assert.True(refusals >= MinimumRefusals, $"{summary}: expected at least {MinimumRefusals} refusals, so the oracle is not vacuous");
        var wrongCorpus = ReadOnlyOracle.RefusedButAllowedRead(cases);
        Assert.True(wrongCorpus.Count == 0,
            $"the corpus accepts read for statements {ServerName} refuses as writes; fix their expected kinds:\n" + string.Join('\n', wrongCorpus));
        Assert.Contains(cases, c => c.Verdict == OracleVerdict.Ran && c.Entry.AllowsRead);
    }

    [Fact]
    public async Task Nothing_the_server_refuses_as_a_write_is_classified_read()
    {
        var cases = await RunCorpusAsync(TestContext.Current.CancellationToken);
        var summary = ReadOnlyOracle.Summary(ServerName, cases);
        Assert.True(cases.Count(c => c.Verdict == OracleVerdict.RefusedAsWrite) >= MinimumRefusals, $"{summary}: the oracle saw too few refusals to mean anything");

        var (offenders, stricter) = ReadOnlyOracle.Judge(cases);

        // Not a failure: holding a statement that turned out harmless costs an approval, not a breach.
        TestContext.Current.TestOutputHelper?.WriteLine($"{stricter.Count} statements classified non-read ran fine read-only:\n" + string.Join('\n', stricter));
        Assert.True(offenders.Count == 0, $"{summary}; {offenders.Count} of the refused ones were not held by the classifier:\n" + string.Join('\n', offenders));
    }
}

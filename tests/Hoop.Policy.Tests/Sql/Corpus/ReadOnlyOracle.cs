using Hoop.Api.V1Alpha1;
using Hoop.Policy.Sql;

namespace Hoop.Policy.Tests.Sql.Corpus;

/// <summary>
/// Compares the classifier with a real server: what the server refuses as a write inside a read-only transaction must never
/// have been called <c>read</c>. The database side and the classifier side are separate steps, so the harness can be checked
/// on its own.
/// </summary>
internal static class ReadOnlyOracle
{
    /// <summary>The statements of a dialect's corpus and their variants, as the oracle sends them (or skips them).</summary>
    /// <summary>Runs every planned case of the dialect's corpus through <paramref name="run"/>; skipped ones are recorded as such.</summary>
    public static async Task<IReadOnlyList<OracleCase>> RunCorpusAsync(
        SqlDialect dialect, Func<SqlCorpusEntry, string, string, CancellationToken, Task<OracleCase>> run, CancellationToken cancellationToken)
    {
        var cases = new List<OracleCase>();
        foreach (var (entry, variant, text, skip) in Plan(dialect))
        {
            cases.Add(skip is not null
                ? new OracleCase(entry, variant, text, OracleVerdict.Skipped, skip)
                : await run(entry, variant, text, cancellationToken));
        }

        return cases;
    }

    public static IEnumerable<(SqlCorpusEntry Entry, string Variant, string Text, string? SkipReason)> Plan(SqlDialect dialect)
    {
        foreach (var entry in SqlCorpus.For(dialect))
        {
            foreach (var (variant, text) in SqlVariants.ForOracle(entry))
            {
                var skip = !entry.MayExecute ? "tagged no-exec"
                    : TransactionEscapeGuard.MayLeaveTransaction(text) ? "could leave the read-only transaction"
                    : null;
                yield return (entry, variant, text, skip);
            }
        }
    }

    public static string Summary(string server, IReadOnlyCollection<OracleCase> cases)
    {
        int Count(OracleVerdict verdict) => cases.Count(c => c.Verdict == verdict);
        return $"{server}: {cases.Count} statements and variants; refused as writes {Count(OracleVerdict.RefusedAsWrite)}, "
            + $"ran {Count(OracleVerdict.Ran)}, failed otherwise {Count(OracleVerdict.Failed)}, skipped {Count(OracleVerdict.Skipped)}";
    }

    /// <summary>Refusals of statements the corpus says may be read: the corpus itself is wrong there.</summary>
    public static IReadOnlyList<OracleCase> RefusedButAllowedRead(IEnumerable<OracleCase> cases) =>
        cases.Where(c => c.Verdict == OracleVerdict.RefusedAsWrite && c.Entry.AllowsRead).ToList();

    /// <summary>The classifier's verdicts on what the server did; offenders are refused statements it called read (or failed on).</summary>
    public static (IReadOnlyList<string> Offenders, IReadOnlyList<string> StricterThanServer) Judge(IEnumerable<OracleCase> cases)
    {
        var offenders = new List<string>();
        var stricter = new List<string>();
        foreach (var @case in cases.Where(c => c.Verdict is OracleVerdict.RefusedAsWrite or OracleVerdict.Ran))
        {
            StatementKind kind;
            try
            {
                kind = StatementClassifier.Classify(@case.Text, @case.Entry.Settings).Kind;
            }
#pragma warning disable CA1031 // Any exception is a finding to list with the others, not a reason to stop the oracle.
            catch (Exception error)
#pragma warning restore CA1031
            {
                if (@case.Verdict == OracleVerdict.RefusedAsWrite)
                {
                    offenders.Add($"{@case}: the classifier threw {error.GetType().Name}");
                }

                continue;
            }

            if (@case.Verdict == OracleVerdict.RefusedAsWrite && kind == StatementKind.Read)
            {
                offenders.Add($"{@case}: classified read, but the server refused it as a write");
            }
            else if (@case.Verdict == OracleVerdict.Ran && kind != StatementKind.Read)
            {
                stricter.Add($"{@case}: classified {SqlCorpus.KindName(kind)}, ran fine read-only");
            }
        }

        return (offenders, stricter);
    }
}

using System.Text.RegularExpressions;
using Hoop.Api.V1Alpha1;
using Hoop.Policy.Masking;
using Hoop.Policy.Rules;
using Hoop.Policy.Sql;

namespace Hoop.Gateway.Postgres.Sessions;

/// <summary>
/// Classifies the SQL of a batch and asks the Connection's policies about it. Classification depends on the text only,
/// so it is cached per session (prepared statements and repeated queries are classified once); the decision is asked
/// afresh each time, so a policy change applies to the very next statement.
/// </summary>
internal sealed partial class StatementJudge
{
    private const int CacheLimit = 512;
    private readonly Dictionary<string, ClassifiedBatch> _classified = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MaskingStrategy?> _inherited = new(StringComparer.Ordinal);
    private MaskingEngine? _inheritedFrom;

    public Judgement Judge(IReadOnlyList<ExecutedSql> executed, PolicySet policies)
    {
        ArgumentNullException.ThrowIfNull(executed);
        ArgumentNullException.ThrowIfNull(policies);
        if (executed.Count == 1)
        {
            // The common case, without intermediate lists.
            var batch = Classify(executed[0].Text);
            var facts = new OperationFacts[batch.Statements.Count];
            for (var i = 0; i < facts.Length; i++)
            {
                facts[i] = SqlStatementFacts.From(batch.Statements[i]);
            }

            return new Judgement(policies.EvaluateBatch(facts), batch.Kind, Tables(batch.Statements), batch.Statements.Any(CopiesOut));
        }

        var statements = executed.SelectMany(e => Classify(e.Text).Statements).ToList();
        return new Judgement(
            policies.EvaluateBatch([.. statements.Select(SqlStatementFacts.From)]),
            StatementKinds.MostPrivileged(statements.Select(s => s.Kind)),
            Tables(statements),
            statements.Any(CopiesOut));
    }

    /// <summary>
    /// What the batch's computed columns inherit from the masked columns its statements name (<see cref="MaskedColumnMentions"/>);
    /// cached per text for the masking in force, like classification.
    /// </summary>
    public MaskingStrategy? InheritedMasking(IReadOnlyList<ExecutedSql> executed, MaskingEngine masking)
    {
        ArgumentNullException.ThrowIfNull(executed);
        ArgumentNullException.ThrowIfNull(masking);
        if (!masking.HasColumnRules)
        {
            return null;
        }

        if (!ReferenceEquals(_inheritedFrom, masking) || _inherited.Count >= CacheLimit)
        {
            _inherited.Clear();
            _inheritedFrom = masking;
        }

        MaskingStrategy? inherited = null;
        foreach (var statement in executed)
        {
            if (!_inherited.TryGetValue(statement.Text, out var strategy))
            {
                strategy = _inherited[statement.Text] = MaskedColumnMentions.Find(masking, statement.Text, SqlDialectSettings.PostgreSql);
            }

            inherited = MaskedColumnMentions.Stricter(inherited, strategy);
        }

        return inherited;
    }

    private static bool CopiesOut(ClassifiedStatement statement) => CopyToStdout().IsMatch(statement.NormalizedText);

    [GeneratedRegex(@"^COPY\b.*\bTO\s+STDOUT\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex CopyToStdout();

    private ClassifiedBatch Classify(string sql)
    {
        if (_classified.TryGetValue(sql, out var known))
        {
            return known;
        }

        if (_classified.Count >= CacheLimit)
        {
            _classified.Clear();
        }

        var batch = StatementClassifier.Classify(sql, SqlDialectSettings.PostgreSql);
        _classified[sql] = batch;
        return batch;
    }

    /// <summary>The tables the statements touch, each once.</summary>
    internal static IReadOnlyList<string> Tables(IReadOnlyList<ClassifiedStatement> statements)
    {
        if (statements.Count == 1)
        {
            return statements[0].Tables;
        }

        return [.. statements.SelectMany(s => s.Tables).Distinct(StringComparer.Ordinal)];
    }
}

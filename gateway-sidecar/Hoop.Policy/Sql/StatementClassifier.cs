namespace Hoop.Policy.Sql;

/// <summary>Splits a batch into statements and classifies each. Pure, never throws on any input, linear in its length.</summary>
public static class StatementClassifier
{
    public static ClassifiedBatch Classify(string sql, SqlDialectSettings dialect)
    {
        ArgumentNullException.ThrowIfNull(sql);
        ArgumentNullException.ThrowIfNull(dialect);

        // Every statement but the last ends at a ';' token, and every ';' token is a ';' character.
        var semicolons = sql.AsSpan().Count(';');
        var workspace = ClassificationWorkspace.Take(Math.Max(1, SqlLexer.MaxTokens(sql.Length)), semicolons + 1);
        try
        {
            var tokens = workspace.Tokens;
            var tokenCount = SqlLexer.Tokenize(sql, dialect, tokens);
            var segments = workspace.Segments;

            // With no ';' anywhere the batch is one statement: most queries, and the splitter's walk is then saved.
            var segmentCount = semicolons == 0
                ? SqlSplitter.Whole(sql.Length, tokenCount, segments)
                : SqlSplitter.Split(sql, tokens.AsSpan(0, tokenCount), dialect, segments);
            var analyzer = workspace.Analyzer;
            analyzer.Begin(sql, dialect, tokens);
            return new ClassifiedBatch { Statements = segmentCount == 1 ? One(analyzer.Analyze(segments[0])) : All(analyzer, segments, segmentCount) };
        }
        finally
        {
            workspace.Release();
        }
    }

    private static ClassifiedStatement[] One(ClassifiedStatement? statement) => statement is null ? [] : [statement];

    private static List<ClassifiedStatement> All(StatementAnalyzer analyzer, SqlSegment[] segments, int count)
    {
        var statements = new List<ClassifiedStatement>(count);
        for (var i = 0; i < count; i++)
        {
            if (analyzer.Analyze(segments[i]) is { } statement)
            {
                statements.Add(statement);
            }
        }

        return statements;
    }
}

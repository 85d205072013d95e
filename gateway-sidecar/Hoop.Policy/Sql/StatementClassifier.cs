using System.Buffers;

namespace Hoop.Policy.Sql;

/// <summary>Splits a batch into statements and classifies each. Pure, never throws on any input, linear in its length.</summary>
public static class StatementClassifier
{
    public static ClassifiedBatch Classify(string sql, SqlDialectSettings dialect)
    {
        ArgumentNullException.ThrowIfNull(sql);
        ArgumentNullException.ThrowIfNull(dialect);
        var tokens = ArrayPool<SqlToken>.Shared.Rent(Math.Max(1, SqlLexer.MaxTokens(sql.Length)));
        var segments = ArrayPool<SqlSegment>.Shared.Rent(sql.Length + 1);
        try
        {
            var tokenCount = SqlLexer.Tokenize(sql, dialect, tokens);
            var segmentCount = SqlSplitter.Split(sql, tokens.AsSpan(0, tokenCount), dialect, segments);
            var statements = new List<ClassifiedStatement>(segmentCount);
            using var analyzer = new StatementAnalyzer(sql, dialect, tokens, tokenCount);
            for (var i = 0; i < segmentCount; i++)
            {
                if (analyzer.Analyze(segments[i]) is { } statement)
                {
                    statements.Add(statement);
                }
            }

            return new ClassifiedBatch { Statements = statements };
        }
        finally
        {
            ArrayPool<SqlSegment>.Shared.Return(segments);
            ArrayPool<SqlToken>.Shared.Return(tokens);
        }
    }
}

using Hoop.Api.V1Alpha1;
using Hoop.Policy.Sql;

namespace Hoop.Policy.Tests.Sql;

public sealed class ClassificationWorkspaceTests
{
    [Fact]
    public void A_batch_larger_than_the_kept_workspace_is_classified_statement_by_statement()
    {
        var sql = string.Concat(Enumerable.Repeat("SELECT a FROM t; UPDATE u SET a = 1; ", 100));

        var batch = StatementClassifier.Classify(sql, SqlDialectSettings.PostgreSql);

        Assert.Equal(200, batch.Statements.Count);
        Assert.All(batch.Statements.Where((_, i) => i % 2 == 0), s => Assert.Equal(StatementKind.Read, s.Kind));
        Assert.All(batch.Statements.Where((_, i) => i % 2 == 1), s => Assert.Equal(["u"], s.Tables));
        Assert.Equal(StatementKind.Write, batch.Kind);
    }

    [Fact]
    public void A_small_batch_after_a_large_one_sees_nothing_of_it()
    {
        StatementClassifier.Classify(string.Concat(Enumerable.Repeat("DELETE FROM secrets; ", 80)), SqlDialectSettings.MySql);
        StatementClassifier.Classify("DROP TABLE audit", SqlDialectSettings.MySql);

        var statement = Assert.Single(StatementClassifier.Classify("SELECT 1", SqlDialectSettings.MySql).Statements);

        Assert.Equal(StatementKind.Read, statement.Kind);
        Assert.Empty(statement.Tables);
        Assert.Null(statement.Reason);
        Assert.Equal("SELECT 1", statement.NormalizedText);
    }
}

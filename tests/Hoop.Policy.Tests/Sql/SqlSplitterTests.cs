using Hoop.Policy.Sql;

namespace Hoop.Policy.Tests.Sql;

public sealed class SqlSplitterTests
{
    private static string[] Statements(string sql, SqlDialectSettings dialect) =>
        SqlSplitter.Split(sql, dialect).Select(s => sql.Substring(s.Start, s.Length).Trim()).Where(s => s.Length > 0).ToArray();

    [Theory]
    [InlineData("SELECT 1; DROP TABLE users", 2)]
    [InlineData("SELECT ';'; SELECT \";\"", 2)]
    [InlineData("SELECT 1 -- ; not a split\n; SELECT 2", 2)]
    [InlineData("SELECT /* ; */ 1", 1)]
    [InlineData("SELECT $$;$$; SELECT $x$ ; $x$", 2)]
    [InlineData("SELECT (1; 2)", 1)]
    [InlineData(";;;", 0)]
    [InlineData("", 0)]
    public void Splits_at_semicolons_outside_strings_comments_and_parentheses(string sql, int count)
    {
        Assert.Equal(count, Statements(sql, SqlDialectSettings.PostgreSql).Length);
    }

    [Fact]
    public void Semicolon_in_parentheses_is_reported()
    {
        Assert.True(SqlSplitter.Split("SELECT (1; DROP TABLE users)", SqlDialectSettings.PostgreSql).Single().SemicolonInParentheses);
    }

    [Fact]
    public void PostgreSql_begin_atomic_body_is_not_split()
    {
        const string sql = """
            CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql
            BEGIN ATOMIC
              INSERT INTO t VALUES (1);
              SELECT CASE WHEN true THEN 1 ELSE 2 END;
            END;
            SELECT 1
            """;
        var statements = Statements(sql, SqlDialectSettings.PostgreSql);
        Assert.Equal(2, statements.Length);
        Assert.EndsWith("END", statements[0], StringComparison.Ordinal);
    }

    [Fact]
    public void PostgreSql_transaction_begin_is_split_normally()
    {
        Assert.Equal(3, Statements("BEGIN; UPDATE t SET a = 1; COMMIT", SqlDialectSettings.PostgreSql).Length);
    }

    [Fact]
    public void MySql_compound_procedure_body_is_not_split()
    {
        const string sql = """
            CREATE DEFINER=`root`@`%` PROCEDURE p()
            BEGIN
              DECLARE x INT DEFAULT 0;
              IF x = 0 THEN SELECT 1; END IF;
              SET x = CASE WHEN x > 0 THEN 1 ELSE 2 END;
              lbl: LOOP LEAVE lbl; END LOOP;
              BEGIN SELECT 2; END;
            END;
            DROP TABLE users
            """;
        var statements = Statements(sql, SqlDialectSettings.MySql);
        Assert.Equal(2, statements.Length);
        Assert.Equal("DROP TABLE users", statements[1]);
    }

    [Fact]
    public void MySql_trigger_and_mariadb_anonymous_block_bodies_are_not_split()
    {
        Assert.Equal(2, Statements("CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = 1; SET NEW.b = 2; END; SELECT 1", SqlDialectSettings.MySql).Length);
        Assert.Equal(2, Statements("BEGIN NOT ATOMIC SELECT 1; SELECT 2; END; SELECT 3", SqlDialectSettings.MySql).Length);
        Assert.Equal(3, Statements("BEGIN; SELECT 1; COMMIT", SqlDialectSettings.MySql).Length);
    }

    [Theory]
    [InlineData("SELECT 1; DROP TABLE users;")]
    [InlineData("  ;  SELECT 'a;b' ; /* ; */ ; -- x\n")]
    [InlineData("CREATE FUNCTION f() BEGIN ATOMIC SELECT 1; END; SELECT (1;2); x")]
    [InlineData("")]
    [InlineData(";")]
    public void Segments_and_separators_reproduce_the_input(string sql)
    {
        foreach (var dialect in new[] { SqlDialectSettings.PostgreSql, SqlDialectSettings.MySql })
        {
            var segments = SqlSplitter.Split(sql, dialect);
            var rebuilt = string.Concat(segments.Select(s => sql.Substring(s.Start, s.Length + s.SeparatorLength)));
            Assert.Equal(sql, rebuilt);
            Assert.All(segments[..^1], s => Assert.Equal(";", sql.Substring(s.End, s.SeparatorLength)));
            Assert.Equal(0, segments[^1].SeparatorLength);
        }
    }

    [Fact]
    public void Segments_reproduce_random_input()
    {
        var random = new Random(7);
        const string alphabet = "ab ;;'\"`$()/*-#\nBEGIN END";
        for (var round = 0; round < 1000; round++)
        {
            var sql = new string(Enumerable.Range(0, random.Next(60)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            foreach (var dialect in new[] { SqlDialectSettings.PostgreSql, SqlDialectSettings.MySql })
            {
                var segments = SqlSplitter.Split(sql, dialect);
                Assert.Equal(sql, string.Concat(segments.Select(s => sql.Substring(s.Start, s.Length + s.SeparatorLength))));
            }
        }
    }

    [Fact]
    public void A_batch_without_semicolons_is_the_one_segment_the_splitter_would_make()
    {
        var random = new Random(11);
        const string alphabet = "ab '\"`$()/*-#\nBEGIN END CREATE PROCEDURE";
        for (var round = 0; round < 1000; round++)
        {
            var sql = new string(Enumerable.Range(0, random.Next(80)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            foreach (var dialect in new[] { SqlDialectSettings.PostgreSql, SqlDialectSettings.MySql })
            {
                var tokens = SqlLexer.Tokenize(sql, dialect);
                var whole = new SqlSegment[1];
                SqlSplitter.Whole(sql.Length, tokens.Length, whole);
                Assert.Equal(SqlSplitter.Split(sql, dialect), whole);
            }
        }
    }

    [Fact]
    public void Classified_statements_point_back_into_the_batch()
    {
        const string sql = "  SELECT 1 ;\n /* c */ DROP TABLE users ; ";
        var batch = StatementClassifier.Classify(sql, SqlDialectSettings.PostgreSql);
        Assert.Equal(2, batch.Statements.Count);
        Assert.All(batch.Statements, s => Assert.Equal(s.Text, sql.Substring(s.Start, s.Text.Length)));
        Assert.Equal("/* c */ DROP TABLE users", batch.Statements[1].Text);
    }

    [Fact]
    public void Statements_of_only_comments_are_dropped_but_executable_comments_are_not()
    {
        Assert.Empty(StatementClassifier.Classify("/* x */ ; -- y\n;", SqlDialectSettings.PostgreSql).Statements);
        Assert.Single(StatementClassifier.Classify("/*!50000 */", SqlDialectSettings.MySql).Statements);
        Assert.Empty(StatementClassifier.Classify("/* x */ # y", SqlDialectSettings.MySql).Statements);
    }
}

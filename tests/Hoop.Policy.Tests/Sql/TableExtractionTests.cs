using Hoop.Policy.Sql;

namespace Hoop.Policy.Tests.Sql;

public sealed class TableExtractionTests
{
    [Theory]
    [InlineData("pg", "SELECT * FROM users", "users")]
    [InlineData("pg", "SELECT * FROM Users u JOIN billing.Invoices i ON i.uid = u.id", "users,billing.invoices")]
    [InlineData("pg", "SELECT * FROM \"Users\", \"a\"\"b\"", "Users,a\"b")]
    [InlineData("pg", "SELECT * FROM a, b AS x, c y WHERE a.id IN (SELECT id FROM d)", "a,b,c,d")]
    [InlineData("pg", "SELECT * FROM ONLY a LEFT OUTER JOIN LATERAL f(a.x) z ON true", "a")]
    [InlineData("pg", "WITH cte AS (SELECT * FROM src) SELECT * FROM cte JOIN other USING (id)", "src,other")]
    [InlineData("pg", "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT * FROM r", "")]
    [InlineData("pg", "SELECT extract(year FROM created_at), substring(name FROM 2) FROM events", "events")]
    [InlineData("pg", "INSERT INTO public.t (a, b) SELECT a, b FROM s", "public.t,s")]
    [InlineData("pg", "UPDATE ONLY t SET a = 1 FROM u WHERE t.id = u.id", "t,u")]
    [InlineData("pg", "DELETE FROM t USING u WHERE t.id = u.id", "t,u")]
    [InlineData("pg", "MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE", "t,s")]
    [InlineData("pg", "TRUNCATE TABLE a, b", "a,b")]
    [InlineData("pg", "DROP TABLE IF EXISTS a, b CASCADE", "a,b")]
    [InlineData("pg", "CREATE TABLE IF NOT EXISTS t (id int REFERENCES parent (id))", "t,parent")]
    [InlineData("pg", "ALTER TABLE t ADD FOREIGN KEY (x) REFERENCES u (id) ON DELETE CASCADE", "t,u")]
    [InlineData("pg", "LOCK TABLE a, b IN SHARE MODE", "a,b")]
    [InlineData("pg", "COPY users (id, name) FROM STDIN", "users")]
    [InlineData("pg", "COPY (SELECT * FROM users) TO STDOUT", "users")]
    [InlineData("pg", "TABLE users", "users")]
    [InlineData("pg", "GRANT SELECT ON users, orders TO alice", "users,orders")]
    [InlineData("pg", "REVOKE SELECT ON users FROM alice", "users")]
    [InlineData("pg", "CREATE INDEX i ON users (email)", "users")]
    [InlineData("pg", "CREATE VIEW v AS SELECT * FROM users", "v,users")]
    [InlineData("pg", "SELECT * INTO TEMP archive FROM users", "archive,users")]
    [InlineData("pg", "VACUUM (VERBOSE) a, b", "a,b")]
    [InlineData("pg", "EXPLAIN ANALYZE SELECT * FROM users", "users")]
    [InlineData("pg", "SELECT * FROM t1 NATURAL JOIN t2 CROSS JOIN t3", "t1,t2,t3")]
    [InlineData("my", "SELECT * FROM `Users` JOIN Db.Orders ON 1", "users,db.orders")]
    [InlineData("my", "UPDATE a, b SET a.x = b.x", "a,b")]
    [InlineData("my", "DELETE a FROM a JOIN b ON a.id = b.id", "a,b")]
    [InlineData("my", "INSERT t (a) VALUES (1)", "t")]
    [InlineData("my", "REPLACE INTO t VALUES (1)", "t")]
    [InlineData("my", "LOAD DATA INFILE 'x' INTO TABLE t", "t")]
    [InlineData("my", "RENAME TABLE a TO b, c TO d", "a,b,c,d")]
    [InlineData("my", "LOCK TABLES a READ, b WRITE", "a,b")]
    [InlineData("my", "GRANT SELECT ON db.* TO 'x'@'%'", "db.*")]
    [InlineData("my", "SELECT 1 FROM DUAL", "")]
    [InlineData("my", "DESCRIBE users", "users")]
    [InlineData("my", "SHOW COLUMNS FROM users", "")]
    [InlineData("my-ansi", "SELECT * FROM \"Users\"", "users")]
    public void Extracts_tables_as_the_server_resolves_them(string dialect, string sql, string tables)
    {
        var statement = StatementClassifier.Classify(sql, StatementClassifierTests.Dialect(dialect)).Statements.Single();
        Assert.Equal(tables.Length == 0 ? [] : tables.Split(','), statement.Tables);
    }
}

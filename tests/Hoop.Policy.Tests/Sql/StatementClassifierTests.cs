using Hoop.Api.V1Alpha1;
using Hoop.Policy.Sql;

namespace Hoop.Policy.Tests.Sql;

public sealed class StatementClassifierTests
{
    internal static SqlDialectSettings Dialect(string name) => name switch
    {
        "pg" => SqlDialectSettings.PostgreSql,
        "pg-scs-off" => SqlDialectSettings.PostgreSql with { StandardConformingStrings = false },
        "my" => SqlDialectSettings.MySql,
        "my-nbe" => SqlDialectSettings.MySql with { NoBackslashEscapes = true },
        "my-ansi" => SqlDialectSettings.MySql with { AnsiQuotes = true },
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    // Reads.
    [InlineData("pg", "SELECT * FROM users", StatementKind.Read)]
    [InlineData("pg", "select count(*), max(id), coalesce(name, 'x') from users group by 1", StatementKind.Read)]
    [InlineData("pg", "VALUES (1, 2), (3, 4)", StatementKind.Read)]
    [InlineData("pg", "TABLE users", StatementKind.Read)]
    [InlineData("pg", "(SELECT 1) UNION (SELECT 2)", StatementKind.Read)]
    [InlineData("pg", "WITH a AS (SELECT 1 AS x) SELECT * FROM a", StatementKind.Read)]
    [InlineData("pg", "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 5) SELECT n FROM r", StatementKind.Read)]
    [InlineData("pg", "WITH a AS MATERIALIZED (SELECT 1) SELECT * FROM a", StatementKind.Read)]
    [InlineData("pg", "SELECT x FROM t WHERE id IN (1, 2) AND EXISTS (SELECT 1) AND y = ANY (ARRAY[1, 2])", StatementKind.Read)]
    [InlineData("pg", "SELECT CAST(price AS numeric(10,2)), name::varchar(20), '1'::character varying(3) FROM t", StatementKind.Read)]
    [InlineData("pg", "SELECT date_trunc('day', now()), extract(year FROM created), lower(upper(name)) FROM t", StatementKind.Read)]
    [InlineData("pg", "SELECT row_number() OVER (PARTITION BY a ORDER BY b), rank() OVER w FROM t WINDOW w AS (ORDER BY a)", StatementKind.Read)]
    [InlineData("pg", "SELECT * FROM (VALUES (1, 2)) v(a, b)", StatementKind.Read)]
    [InlineData("pg", "SELECT data->>'a', jsonb_extract_path(data, 'b') FROM t", StatementKind.Read)]
    [InlineData("pg", "SELECT pg_catalog.lower(name) FROM t", StatementKind.Read)]
    [InlineData("pg", "SELECT string_agg(name, ',') FILTER (WHERE a) FROM t", StatementKind.Read)]
    [InlineData("pg", "SELECT * FROM generate_series(1, 10) g", StatementKind.Read)]
    [InlineData("pg", "EXPLAIN SELECT * FROM users", StatementKind.Read)]
    [InlineData("pg", "EXPLAIN DELETE FROM users", StatementKind.Read)]
    [InlineData("pg", "EXPLAIN (ANALYZE false) DELETE FROM users", StatementKind.Read)]
    [InlineData("pg", "EXPLAIN ANALYZE SELECT 1", StatementKind.Read)]
    [InlineData("pg", "COPY users TO STDOUT", StatementKind.Read)]
    [InlineData("pg", "COPY (SELECT * FROM users) TO STDOUT WITH (FORMAT csv)", StatementKind.Read)]
    [InlineData("pg", "SELECT 1 -- ; DROP TABLE users", StatementKind.Read)]
    [InlineData("pg", "SELECT '; DROP TABLE users'", StatementKind.Read)]
    [InlineData("pg", "SELECT $$ ; DROP TABLE users $$", StatementKind.Read)]
    [InlineData("pg", "SELECT 1 /* /* */ ; DROP TABLE users */", StatementKind.Read)]
    [InlineData("pg", "SELECT E'\\''", StatementKind.Read)]
    [InlineData("my", "SELECT * FROM users LIMIT 10", StatementKind.Read)]
    [InlineData("my", "SELECT IFNULL(a, 0), DATE_FORMAT(NOW(), '%Y'), CONCAT(a, b) FROM t", StatementKind.Read)]
    [InlineData("my", "SELECT `select` FROM `from`", StatementKind.Read)]
    [InlineData("my", "SELECT _utf8mb4'x' COLLATE utf8mb4_bin, N'y', X'4D', 0x4D, b'01'", StatementKind.Read)]
    [InlineData("my", "SELECT /*+ MAX_EXECUTION_TIME(1000) */ * FROM t", StatementKind.Read)]
    [InlineData("my", "SELECT 1 # ; DROP TABLE users", StatementKind.Read)]
    [InlineData("my", "EXPLAIN SELECT * FROM t", StatementKind.Read)]
    [InlineData("my", "SELECT * FROM t WHERE MATCH(a) AGAINST('x')", StatementKind.Read)]
    // Writes.
    [InlineData("pg", "INSERT INTO users (id) VALUES (1)", StatementKind.Write)]
    [InlineData("pg", "insert into users select * from staging on conflict (id) do update set a = excluded.a", StatementKind.Write)]
    [InlineData("pg", "UPDATE users SET name = lower(name) WHERE id = 1", StatementKind.Write)]
    [InlineData("pg", "DELETE FROM users WHERE id = 1 RETURNING *", StatementKind.Write)]
    [InlineData("pg", "MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN UPDATE SET a = s.a", StatementKind.Write)]
    [InlineData("pg", "WITH d AS (DELETE FROM users RETURNING *) SELECT * FROM d", StatementKind.Write)]
    [InlineData("pg", "WITH a AS (SELECT 1) UPDATE users SET x = 1", StatementKind.Write)]
    [InlineData("pg", "WITH a AS (SELECT 1) INSERT INTO t SELECT * FROM a", StatementKind.Write)]
    [InlineData("pg", "SELECT * FROM users FOR UPDATE", StatementKind.Write)]
    [InlineData("pg", "SELECT * FROM users FOR NO KEY UPDATE SKIP LOCKED", StatementKind.Write)]
    [InlineData("pg", "SELECT * FROM users FOR KEY SHARE", StatementKind.Write)]
    [InlineData("pg", "SELECT * FROM users FOR SHARE", StatementKind.Write)]
    [InlineData("pg", "COPY users FROM STDIN", StatementKind.Write)]
    [InlineData("pg", "LOCK TABLE users IN ACCESS EXCLUSIVE MODE", StatementKind.Write)]
    [InlineData("pg", "SELECT nextval('seq')", StatementKind.Write)]
    [InlineData("pg", "EXPLAIN ANALYZE DELETE FROM users", StatementKind.Write)]
    [InlineData("pg", "EXPLAIN (ANALYZE, BUFFERS) UPDATE users SET a = 1", StatementKind.Write)]
    [InlineData("pg", "NOTIFY channel, 'x'", StatementKind.Write)]
    [InlineData("my", "REPLACE INTO t VALUES (1)", StatementKind.Write)]
    [InlineData("my", "INSERT IGNORE INTO t (a) VALUES (1) ON DUPLICATE KEY UPDATE a = VALUES(a)", StatementKind.Write)]
    [InlineData("my", "SELECT * FROM t LOCK IN SHARE MODE", StatementKind.Write)]
    [InlineData("my", "DELETE t1 FROM t1 JOIN t2 ON t1.id = t2.id", StatementKind.Write)]
    [InlineData("my", "LOCK TABLES t READ", StatementKind.Write)]
    // DDL.
    [InlineData("pg", "CREATE TABLE t (id int PRIMARY KEY, price numeric(10,2), name varchar(20) DEFAULT 'x')", StatementKind.Ddl)]
    [InlineData("pg", "CREATE TABLE t AS SELECT * FROM users", StatementKind.Ddl)]
    [InlineData("pg", "CREATE MATERIALIZED VIEW mv AS SELECT 1", StatementKind.Ddl)]
    [InlineData("pg", "REFRESH MATERIALIZED VIEW mv", StatementKind.Ddl)]
    [InlineData("pg", "ALTER TABLE users ADD COLUMN x int", StatementKind.Ddl)]
    [InlineData("pg", "DROP TABLE users", StatementKind.Ddl)]
    [InlineData("pg", "/* x */ DrOp TABLE users", StatementKind.Ddl)]
    [InlineData("pg", "drop\n\t table\n users", StatementKind.Ddl)]
    [InlineData("pg", "TRUNCATE users", StatementKind.Ddl)]
    [InlineData("pg", "COMMENT ON TABLE users IS 'x'", StatementKind.Ddl)]
    [InlineData("pg", "CREATE INDEX i ON users (lower(email))", StatementKind.Ddl)]
    [InlineData("pg", "CREATE FUNCTION f() RETURNS int AS $$ SELECT pg_terminate_backend(1) $$ LANGUAGE sql", StatementKind.Ddl)]
    [InlineData("pg", "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END", StatementKind.Ddl)]
    [InlineData("pg", "SELECT * INTO new_users FROM users", StatementKind.Ddl)]
    [InlineData("my", "/*!50000 DROP TABLE users */", StatementKind.Ddl)]
    [InlineData("my", "/*M!100000 DROP TABLE users */", StatementKind.Ddl)]
    [InlineData("my", "RENAME TABLE a TO b", StatementKind.Ddl)]
    [InlineData("my", "TRUNCATE TABLE t", StatementKind.Ddl)]
    [InlineData("my", "CREATE TABLE t SELECT * FROM u", StatementKind.Ddl)]
    [InlineData("my", "CREATE PROCEDURE p() BEGIN DELETE FROM t; END", StatementKind.Ddl)]
    // DCL.
    [InlineData("pg", "GRANT SELECT ON users TO alice", StatementKind.Dcl)]
    [InlineData("pg", "REVOKE ALL ON users FROM alice", StatementKind.Dcl)]
    [InlineData("pg", "CREATE ROLE alice LOGIN", StatementKind.Dcl)]
    [InlineData("pg", "CREATE USER alice WITH PASSWORD 'x'", StatementKind.Dcl)]
    [InlineData("pg", "ALTER ROLE alice SUPERUSER", StatementKind.Dcl)]
    [InlineData("pg", "DROP ROLE alice", StatementKind.Dcl)]
    [InlineData("pg", "ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO alice", StatementKind.Dcl)]
    [InlineData("pg", "REASSIGN OWNED BY a TO b", StatementKind.Dcl)]
    [InlineData("pg", "SECURITY LABEL ON TABLE t IS 'x'", StatementKind.Dcl)]
    [InlineData("pg", "SET ROLE admin", StatementKind.Dcl)]
    [InlineData("pg", "SET SESSION AUTHORIZATION postgres", StatementKind.Dcl)]
    [InlineData("pg", "RESET ROLE", StatementKind.Dcl)]
    [InlineData("pg", "DISCARD ALL", StatementKind.Dcl)]
    [InlineData("my", "SET PASSWORD FOR 'a'@'%' = 'x'", StatementKind.Dcl)]
    [InlineData("my", "RENAME USER a TO b", StatementKind.Dcl)]
    [InlineData("my", "CREATE USER 'a'@'%' IDENTIFIED BY 'x'", StatementKind.Dcl)]
    [InlineData("my", "SET ROLE ALL", StatementKind.Dcl)]
    // Transactions.
    [InlineData("pg", "BEGIN", StatementKind.Transaction)]
    [InlineData("pg", "START TRANSACTION ISOLATION LEVEL SERIALIZABLE", StatementKind.Transaction)]
    [InlineData("pg", "COMMIT", StatementKind.Transaction)]
    [InlineData("pg", "ROLLBACK TO SAVEPOINT s", StatementKind.Transaction)]
    [InlineData("pg", "SAVEPOINT s", StatementKind.Transaction)]
    [InlineData("pg", "RELEASE SAVEPOINT s", StatementKind.Transaction)]
    [InlineData("pg", "END", StatementKind.Transaction)]
    [InlineData("pg", "ABORT", StatementKind.Transaction)]
    [InlineData("pg", "SET TRANSACTION READ ONLY", StatementKind.Transaction)]
    [InlineData("my", "BEGIN WORK", StatementKind.Transaction)]
    [InlineData("my", "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED", StatementKind.Transaction)]
    [InlineData("my", "XA START 'x'", StatementKind.Transaction)]
    // Session.
    [InlineData("pg", "SET search_path TO app", StatementKind.Session)]
    [InlineData("pg", "SET LOCAL statement_timeout = 1000", StatementKind.Session)]
    [InlineData("pg", "RESET ALL", StatementKind.Session)]
    [InlineData("pg", "SHOW work_mem", StatementKind.Session)]
    [InlineData("pg", "DISCARD PLANS", StatementKind.Session)]
    [InlineData("pg", "LISTEN ch", StatementKind.Session)]
    [InlineData("pg", "DECLARE c CURSOR FOR SELECT * FROM users", StatementKind.Session)]
    [InlineData("pg", "FETCH 10 FROM c", StatementKind.Session)]
    [InlineData("pg", "CLOSE c", StatementKind.Session)]
    [InlineData("pg", "DEALLOCATE ALL", StatementKind.Session)]
    [InlineData("pg", "PREPARE q AS SELECT * FROM users WHERE id = $1", StatementKind.Session)]
    [InlineData("pg", "SELECT set_config('search_path', 'x', false)", StatementKind.Session)]
    [InlineData("pg", "SELECT pg_catalog.set_config('role', 'admin', false)", StatementKind.Dcl)]
    [InlineData("pg", "SELECT pg_catalog.set_config('search_path', 'app', false)", StatementKind.Session)]
    [InlineData("pg", "SELECT set_config(current_setting('x'), 'admin', false)", StatementKind.Unknown)]
    [InlineData("pg", "INSERT INTO billing.invoices (amount) VALUES (10)", StatementKind.Write)]
    [InlineData("pg", "SELECT * FROM users TABLESAMPLE SYSTEM (10)", StatementKind.Read)]
    [InlineData("pg", "SET \"role\" TO admin", StatementKind.Dcl)]
    [InlineData("my", "SELECT NEXT VALUE FOR order_seq", StatementKind.Write)]
    [InlineData("my", "DEALLOCATE PREPARE s", StatementKind.Session)]
    [InlineData("pg", "SELECT 1\uFF1BDROP TABLE users", StatementKind.Unknown)]
    [InlineData("my", "USE app", StatementKind.Session)]
    [InlineData("my", "SET NAMES utf8mb4", StatementKind.Session)]
    [InlineData("my", "SET @a = 1", StatementKind.Session)]
    [InlineData("my", "SHOW TABLES", StatementKind.Session)]
    [InlineData("my", "DESCRIBE users", StatementKind.Session)]
    [InlineData("my", "SELECT a INTO @x FROM t", StatementKind.Session)]
    // Admin.
    [InlineData("pg", "VACUUM FULL users", StatementKind.Admin)]
    [InlineData("pg", "ANALYZE users", StatementKind.Admin)]
    [InlineData("pg", "CHECKPOINT", StatementKind.Admin)]
    [InlineData("pg", "CLUSTER users USING users_pkey", StatementKind.Admin)]
    [InlineData("pg", "REINDEX TABLE users", StatementKind.Admin)]
    [InlineData("pg", "LOAD 'auto_explain'", StatementKind.Admin)]
    [InlineData("pg", "ALTER SYSTEM SET work_mem = '1GB'", StatementKind.Admin)]
    [InlineData("pg", "COPY users TO '/tmp/x.csv'", StatementKind.Admin)]
    [InlineData("pg", "COPY users FROM '/etc/passwd'", StatementKind.Admin)]
    [InlineData("pg", "COPY users FROM PROGRAM 'id'", StatementKind.Admin)]
    [InlineData("pg", "COPY (SELECT 1) TO PROGRAM 'id'", StatementKind.Admin)]
    [InlineData("pg", "SELECT pg_terminate_backend(123)", StatementKind.Admin)]
    [InlineData("pg", "SELECT 1 FROM t JOIN u ON pg_cancel_backend(u.pid)", StatementKind.Admin)]
    [InlineData("pg", "SELECT pg_reload_conf()", StatementKind.Admin)]
    [InlineData("pg", "SELECT pg_read_file('/etc/passwd')", StatementKind.Admin)]
    [InlineData("pg", "SELECT lo_import('/etc/passwd')", StatementKind.Admin)]
    [InlineData("pg", "SELECT * FROM dblink('host=x', 'select 1') AS t(a int)", StatementKind.Admin)]
    [InlineData("pg", "SELECT 1, pg_sleep(10) AS materialized", StatementKind.Admin)]
    [InlineData("pg", "PREPARE TRANSACTION 'x'", StatementKind.Admin)]
    [InlineData("pg", "COMMIT PREPARED 'x'", StatementKind.Admin)]
    [InlineData("my", "SELECT 1 /*!, sleep(10) */", StatementKind.Admin)]
    [InlineData("my", "SELECT SLEEP(10)", StatementKind.Admin)]
    [InlineData("my", "SELECT BENCHMARK(1000000, MD5('x'))", StatementKind.Admin)]
    [InlineData("my", "SELECT GET_LOCK('x', 10)", StatementKind.Admin)]
    [InlineData("my", "SELECT LOAD_FILE('/etc/passwd')", StatementKind.Admin)]
    [InlineData("my", "KILL 42", StatementKind.Admin)]
    [InlineData("my", "FLUSH PRIVILEGES", StatementKind.Admin)]
    [InlineData("my", "RESET MASTER", StatementKind.Admin)]
    [InlineData("my", "SHUTDOWN", StatementKind.Admin)]
    [InlineData("my", "LOAD DATA LOCAL INFILE 'x.csv' INTO TABLE t", StatementKind.Admin)]
    [InlineData("my", "SELECT * FROM t INTO OUTFILE '/tmp/x'", StatementKind.Admin)]
    [InlineData("my", "SELECT * INTO DUMPFILE '/tmp/x' FROM t", StatementKind.Admin)]
    [InlineData("my", "INSTALL PLUGIN p SONAME 'p.so'", StatementKind.Admin)]
    [InlineData("my", "SET GLOBAL max_connections = 1", StatementKind.Admin)]
    [InlineData("my", "SET @@global.max_connections = 1", StatementKind.Admin)]
    [InlineData("my", "OPTIMIZE TABLE t", StatementKind.Admin)]
    [InlineData("my", "ANALYZE TABLE t", StatementKind.Admin)]
    [InlineData("my", "DO SLEEP(5)", StatementKind.Admin)]
    [InlineData("my", "SET @a = SLEEP(5)", StatementKind.Admin)]
    // Unknown.
    [InlineData("pg", "DO $$ BEGIN PERFORM 1; END $$", StatementKind.Unknown)]
    [InlineData("pg", "CALL p()", StatementKind.Unknown)]
    [InlineData("pg", "EXECUTE q(1)", StatementKind.Unknown)]
    [InlineData("pg", "SELECT my_function(1)", StatementKind.Unknown)]
    [InlineData("pg", "SELECT public.lower(name) FROM t", StatementKind.Unknown)]
    [InlineData("pg", "SELECT \"set_config\"('a', 'b', false)", StatementKind.Session)]
    [InlineData("pg", "SELECT \"LOWER\"(name) FROM t", StatementKind.Unknown)]
    [InlineData("pg", "SELECT query_to_xml('delete from users', true, true, '')", StatementKind.Unknown)]
    [InlineData("pg", "ＤＲＯＰ TABLE users", StatementKind.Unknown)]
    [InlineData("pg", "\\copy users to 'x'", StatementKind.Unknown)]
    [InlineData("pg", "SELECT 'abc", StatementKind.Unknown)]
    [InlineData("pg", "SELECT (1; DROP TABLE users)", StatementKind.Unknown)]
    [InlineData("pg", "", StatementKind.Read)]
    [InlineData("my", "CALL p()", StatementKind.Unknown)]
    [InlineData("my", "PREPARE s FROM @sql", StatementKind.Unknown)]
    [InlineData("my", "EXECUTE s", StatementKind.Unknown)]
    [InlineData("my", "DELIMITER //", StatementKind.Unknown)]
    [InlineData("my", "SOURCE dump.sql", StatementKind.Unknown)]
    [InlineData("my", "SELECT db.f(1)", StatementKind.Unknown)]
    [InlineData("my", "BEGIN NOT ATOMIC DELETE FROM t; END", StatementKind.Unknown)]
    [InlineData("my", "/*!50000 */", StatementKind.Unknown)]
    public void Classifies_each_statement(string dialect, string sql, StatementKind kind)
    {
        Assert.Equal(kind, StatementClassifier.Classify(sql, Dialect(dialect)).Kind);
    }

    [Theory]
    // A batch takes its most privileged statement; these hide a dangerous statement from a naive reader.
    [InlineData("pg", "SELECT 1; DROP TABLE users", StatementKind.Ddl)]
    [InlineData("pg", "SELECT 1;DROP TABLE users;", StatementKind.Ddl)]
    [InlineData("pg", "/* SELECT */ SELECT 1 /* ; */; /* /* nested */ */ DROP TABLE users", StatementKind.Ddl)]
    [InlineData("pg", "SELECT 1 /* /* */ */ ; DROP TABLE users", StatementKind.Ddl)]
    [InlineData("pg", "SELECT $a$ $b$ ; $a$; DROP TABLE users", StatementKind.Ddl)]
    [InlineData("pg", "SELECT E'\\''; DROP TABLE users; --'", StatementKind.Ddl)]
    [InlineData("pg-scs-off", "SELECT 'a\\'; DROP TABLE users; --'", StatementKind.Read)]
    [InlineData("pg", "SELECT 'a\\'; DROP TABLE users; --'", StatementKind.Ddl)]
    [InlineData("pg", "SELECT 1; GRANT ALL ON users TO public; SELECT 2", StatementKind.Dcl)]
    [InlineData("my", "SELECT 'a\\'; DROP TABLE users; -- '", StatementKind.Read)]
    [InlineData("my-nbe", "SELECT 'a\\'; DROP TABLE users; -- '", StatementKind.Ddl)]
    [InlineData("my", "SELECT \"a\\\"; DROP TABLE users; -- \"", StatementKind.Read)]
    [InlineData("my-ansi", "SELECT \"a\\\"; DROP TABLE users; -- \"", StatementKind.Ddl)]
    [InlineData("my", "SELECT 1 --; DROP TABLE users", StatementKind.Ddl)]
    [InlineData("my", "SELECT 1 -- ; DROP TABLE users", StatementKind.Read)]
    [InlineData("my", "SELECT 1 /* ; */ ; /*!DROP TABLE users*/", StatementKind.Ddl)]
    [InlineData("my", "SELECT 1; /*!50000 GRANT ALL ON *.* TO 'x'@'%' */", StatementKind.Dcl)]
    [InlineData("pg", "BEGIN; DELETE FROM users; COMMIT", StatementKind.Write)]
    public void Batch_takes_its_most_privileged_statement(string dialect, string sql, StatementKind kind)
    {
        Assert.Equal(kind, StatementClassifier.Classify(sql, Dialect(dialect)).Kind);
    }

    [Theory]
    [InlineData("SELECT * FROM users WHERE id = 1")]
    [InlineData("DELETE FROM users WHERE id = 1")]
    [InlineData("WITH d AS (DELETE FROM users RETURNING *) SELECT * FROM d")]
    [InlineData("SELECT pg_terminate_backend(1)")]
    [InlineData("GRANT SELECT ON users TO alice")]
    public void Kind_ignores_whitespace_amount_and_keyword_case(string sql)
    {
        var expected = StatementClassifier.Classify(sql, SqlDialectSettings.PostgreSql).Kind;
        var spaced = string.Join("\n\t  ", sql.Split(' '));
        Assert.Equal(expected, StatementClassifier.Classify(spaced, SqlDialectSettings.PostgreSql).Kind);
        Assert.Equal(expected, StatementClassifier.Classify(sql.ToLowerInvariant(), SqlDialectSettings.PostgreSql).Kind);
        Assert.Equal(expected, StatementClassifier.Classify(sql.ToUpperInvariant(), SqlDialectSettings.PostgreSql).Kind);
    }

    [Theory]
    [InlineData("pg", "SELECT pg_terminate_backend(123)", "pg_terminate_backend")]
    [InlineData("pg", "SELECT public.f()", "public.f")]
    [InlineData("my", "SELECT SLEEP(1)", "SLEEP")]
    [InlineData("pg", "EXPLAIN ANALYZE DELETE FROM users", "EXPLAIN ANALYZE")]
    [InlineData("pg", "SET ROLE admin", "privileges")]
    [InlineData("pg", "TRUNCATE users", "TRUNCATE")]
    public void Reason_says_why(string dialect, string sql, string expected)
    {
        var reason = StatementClassifier.Classify(sql, Dialect(dialect)).Statements.Single().Reason;
        Assert.NotNull(reason);
        Assert.Contains(expected, reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pg", "SELECT 1  /* c */ FROM\n\n t -- x", "SELECT 1 FROM t")]
    [InlineData("pg", "  select   'a   b'  ,\"Q  x\"  ", "select 'a   b' ,\"Q  x\"")]
    [InlineData("pg", "SELECT/**/1", "SELECT 1")]
    [InlineData("my", "/*!50000 DROP   TABLE users */", "DROP TABLE users")]
    [InlineData("my", "SELECT 1 /*!, sleep(10) */ # x", "SELECT 1 , sleep(10)")]
    [InlineData("my", "SELECT 1 ;", "SELECT 1")]
    public void Normalized_text_drops_comments_and_collapses_whitespace(string dialect, string sql, string normalized)
    {
        Assert.Equal(normalized, StatementClassifier.Classify(sql, Dialect(dialect)).Statements.Single().NormalizedText);
    }

    [Fact]
    public void Tables_complete_is_false_when_code_runs_that_the_text_does_not_show()
    {
        var pg = SqlDialectSettings.PostgreSql;
        Assert.True(StatementClassifier.Classify("SELECT * FROM users", pg).Statements.Single().TablesComplete);
        Assert.False(StatementClassifier.Classify("SELECT my_func(1) FROM users", pg).Statements.Single().TablesComplete);
        Assert.False(StatementClassifier.Classify("DO $$ BEGIN END $$", pg).Statements.Single().TablesComplete);
        Assert.False(StatementClassifier.Classify("CALL p()", pg).Statements.Single().TablesComplete);
        Assert.False(StatementClassifier.Classify("EXECUTE q", pg).Statements.Single().TablesComplete);
        Assert.False(StatementClassifier.Classify("GRANT SELECT ON ALL TABLES IN SCHEMA s TO a", pg).Statements.Single().TablesComplete);
    }

    [Fact]
    public void Every_statement_of_a_batch_is_classified_on_its_own()
    {
        var batch = StatementClassifier.Classify("SELECT 1; INSERT INTO t VALUES (1); SET ROLE x", SqlDialectSettings.PostgreSql);
        Assert.Equal([StatementKind.Read, StatementKind.Write, StatementKind.Dcl], batch.Statements.Select(s => s.Kind));
        Assert.Equal(StatementKind.Dcl, batch.Kind);
    }
}

using System.Diagnostics;
using CsCheck;
using Hoop.Policy.Sql;

namespace Hoop.Policy.Tests.Sql.Corpus;

/// <summary>Properties of the classifier on any input, and on rewrites of corpus statements that must not change their kind.</summary>
public sealed class SqlPropertyTests
{
    // Generous: the classifier is linear, so even 10 KB of hostile text should take milliseconds, not seconds.
    private static readonly TimeSpan PerCallBound = TimeSpan.FromSeconds(5);

    private static readonly string[] Fragments =
    [
        "'", "\"", "`", "$", "$$", "$a$", "$_$", "/*", "*/", "/*!", "/*!50000", "/*M!", "--", "-- ", "#", ";", "\\", "\\'", "''", "\"\"", "``",
        "E'", "e'", "U&'", "U&\"", "UESCAPE", "N'", "x'", "B'", "_utf8mb4'", "\n", "\r\n", "\r", " ", "\t", "\f", "\v", "\0",
        "SELECT", "select", "DROP", "TABLE", "users", "INSERT", "INTO", "VALUES", "DELETE", "FROM", "UPDATE", "SET", "WITH", "AS", "DO",
        "BEGIN", "END", "EXPLAIN", "ANALYZE", "FOR", "COPY", "PROGRAM", "PREPARE", "EXECUTE", "CREATE", "FUNCTION", "PROCEDURE", "DELIMITER",
        "(", ")", ",", ".", "1", "$1", "?", "@x", "::", "pg_terminate_backend(1)", "set_config", "nextval('s')", "\\!", "\\c",
        "\u200B", "\uFEFF", "\u00A0", "\u2028", "Ｄ", "ＲＯＰ", "е", "Е", "；", "😀", "\uD83D", "\uDC00",
    ];

    private static readonly Gen<string> Fragment = Gen.Frequency(
        (6, Gen.OneOf(Fragments)),
        (2, Gen.Char.Select(c => c.ToString())),
        (1, Gen.String[0, 12]));

    /// <summary>Short SQL-ish text, biased to the characters that change how SQL is lexed.</summary>
    private static readonly Gen<string> SqlIsh = Fragment.Array[0, 60].Select(string.Concat);

    /// <summary>Up to about 10 KB: long enough to expose quadratic behaviour.</summary>
    private static readonly Gen<string> LongSqlIsh = Fragment.Array[500, 2500].Select(parts => Truncate(string.Concat(parts), 10_240));

    private static readonly Gen<SqlDialectSettings> Dialects = Gen.OneOf(
        SqlDialectSettings.PostgreSql,
        SqlDialectSettings.PostgreSql with { StandardConformingStrings = false },
        SqlDialectSettings.MySql,
        SqlDialectSettings.MySql with { NoBackslashEscapes = true },
        SqlDialectSettings.MySql with { AnsiQuotes = true });

    [Fact(Timeout = 120_000)]
    public async Task Classify_never_throws_and_returns_quickly_on_any_text()
    {
        await Task.Run(() =>
        {
            Gen.Select(SqlIsh, Dialects).Sample(ClassifyWithinBound, iter: 5_000, threads: 1);
            Gen.Select(Gen.String, Dialects).Sample(ClassifyWithinBound, iter: 2_000, threads: 1);
            Gen.Select(LongSqlIsh, Dialects).Sample(ClassifyWithinBound, iter: 100, threads: 1);
        }, TestContext.Current.CancellationToken);
    }

    [Fact(Timeout = 120_000)]
    public async Task Statements_are_slices_of_the_batch_in_order_with_only_comments_between_them()
    {
        await Task.Run(() =>
        {
            Gen.Select(SqlIsh, Dialects).Sample(AssertSlices, iter: 5_000, threads: 1);
            Gen.Select(LongSqlIsh, Dialects).Sample(AssertSlices, iter: 50, threads: 1);
        }, TestContext.Current.CancellationToken);
    }

    [Fact]
    public void Corpus_statements_with_no_quoted_text_cover_every_dialect()
    {
        // The two properties below are only as strong as the entries they may rewrite.
        Assert.True(SqlCorpus.For(SqlDialect.PostgreSql).Count(e => SqlVariants.IsPlain(e.Text)) >= 100);
        Assert.True(SqlCorpus.For(SqlDialect.MySql).Count(e => SqlVariants.IsPlain(e.Text)) >= 50);
        Assert.Equal("DELETE\nFROM\nusers", SqlVariants.Respace("DELETE FROM users", new FixedSpaces()));
        Assert.Equal("select * from users where id = 1 for update", SqlVariants.LowerKeywords("SELECT * FROM users WHERE id = 1 FOR update"));
    }

    [Fact]
    public void Whitespace_between_tokens_does_not_change_the_kind()
    {
        Gen.Select(PlainEntries, Gen.Int).Sample((entry, seed) =>
        {
            var respaced = SqlVariants.Respace(entry.Text, new Random(seed));
            Assert.True(Kind(entry.Text, entry) == Kind(respaced, entry), $"{entry}: respaced as {Escape(respaced)} got another kind");
        }, iter: 2_000, threads: 1);
    }

    [Fact]
    public void Keyword_case_does_not_change_the_kind()
    {
        Gen.Select(PlainEntries, Gen.Int).Sample((entry, seed) =>
        {
            var flipped = SqlVariants.FlipCaseRandomly(entry.Text, new Random(seed));
            Assert.True(Kind(entry.Text, entry) == Kind(flipped, entry), $"{entry}: written as {flipped} got another kind");
        }, iter: 2_000, threads: 1);
    }

    [Fact]
    public void Comments_around_a_statement_do_not_change_the_kind()
    {
        var changed = SqlCorpus.All
            .Where(e => Kind(e.Text, e) != Kind(SqlVariants.WrapInComments(e.Text, e.Dialect), e))
            .Select(e => e.ToString())
            .ToList();

        Assert.True(changed.Count == 0, "wrapping these in comments changed their kind:\n" + string.Join('\n', changed));
    }

    private static Gen<SqlCorpusEntry> PlainEntries { get; } =
        Gen.OneOf(SqlCorpus.All.Where(e => SqlVariants.IsPlain(e.Text)).ToArray());

    private static Hoop.Api.V1Alpha1.StatementKind Kind(string text, SqlCorpusEntry entry) => StatementClassifier.Classify(text, entry.Settings).Kind;

    private static void ClassifyWithinBound(string sql, SqlDialectSettings dialect)
    {
        var watch = Stopwatch.StartNew();
        var batch = StatementClassifier.Classify(sql, dialect);
        watch.Stop();
        Assert.NotNull(batch.Statements);
        Assert.True(watch.Elapsed < PerCallBound, $"classifying {sql.Length} characters took {watch.Elapsed}");
    }

    private static void AssertSlices(string sql, SqlDialectSettings dialect)
    {
        var batch = StatementClassifier.Classify(sql, dialect);
        var end = 0;
        foreach (var statement in batch.Statements)
        {
            Assert.InRange(statement.Start, end, sql.Length);
            Assert.True(statement.Start + statement.Text.Length <= sql.Length, $"statement at {statement.Start} runs past the end");
            Assert.Equal(sql.Substring(statement.Start, statement.Text.Length), statement.Text);
            AssertGap(sql[end..statement.Start], dialect);
            end = statement.Start + statement.Text.Length;
        }

        AssertGap(sql[end..], dialect);
    }

    /// <summary>Between statements the splitter may leave only separators, whitespace and comments, never code.</summary>
    private static void AssertGap(string gap, SqlDialectSettings dialect)
    {
        // ASCII whitespace only: neither server skips Unicode spaces, which must stay in a statement (and fail there).
        var rest = string.Concat(gap.Where(c => c is not (';' or ' ' or '\t' or '\n' or '\r' or '\f' or '\v')));
        var comment = rest.Length == 0
            || rest.StartsWith("/*", StringComparison.Ordinal)
            || (rest.StartsWith("--", StringComparison.Ordinal) && dialect.Dialect == SqlDialect.PostgreSql)
            || (dialect.Dialect == SqlDialect.MySql && (rest.StartsWith('#') || IsMySqlLineComment(gap)));
        Assert.True(comment, $"code left between statements: {Escape(gap)}");
    }

    // In MySQL "--" starts a comment only when followed by whitespace, a control character or the end of the text.
    private static bool IsMySqlLineComment(string gap)
    {
        var trimmed = gap.TrimStart(' ', '\t', '\n', '\r', '\f', '\v', ';');
        return trimmed.StartsWith("--", StringComparison.Ordinal) && (trimmed.Length == 2 || char.IsWhiteSpace(trimmed[2]) || char.IsControl(trimmed[2]));
    }

    // Cutting may split a surrogate pair; lone surrogates are fair input anyway.
    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    private static string Escape(string text) => string.Concat(text.Select(c => c is < ' ' or > '~' ? $"\\u{(int)c:X4}" : c.ToString()));

    /// <summary>A Random that always picks the same run of whitespace, so the rewrite can be checked exactly.</summary>
    private sealed class FixedSpaces : Random
    {
        public override int Next(int maxValue) => 3;
    }
}

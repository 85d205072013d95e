using Hoop.Api.V1Alpha1;
using Hoop.Policy.Sql;

namespace Hoop.Policy.Tests.Sql.Corpus;

public sealed class SqlCorpusTests
{
    private static readonly HashSet<string> MarkerTags = new(StringComparer.Ordinal) { SqlCorpusEntry.BypassTag, SqlCorpusEntry.NoExecTag, "u-escapes" };

    public static IEnumerable<TheoryDataRow<string, int>> Entries =>
        SqlCorpus.All.Select(e => new TheoryDataRow<string, int>(e.File, e.Line) { TestDisplayName = e.ToString() });

    [Theory]
    [MemberData(nameof(Entries))]
    public void Each_corpus_statement_gets_an_acceptable_kind(string file, int line)
    {
        var entry = SqlCorpus.Find(file, line);

        var batch = StatementClassifier.Classify(entry.Text, entry.Settings);

        Assert.True(entry.AcceptableKinds.Contains(batch.Kind),
            $"{entry}: classified {SqlCorpus.KindName(batch.Kind)}, expected one of [{entry.Expected}]"
            + (entry.Note is null ? "" : $" ({entry.Note})") + Describe(batch));
    }

    [Fact]
    public void No_statement_that_must_not_be_read_is_classified_read()
    {
        var offenders = new List<string>();
        foreach (var entry in SqlCorpus.All.Where(e => !e.AllowsRead))
        {
            try
            {
                if (StatementClassifier.Classify(entry.Text, entry.Settings).Kind == StatementKind.Read)
                {
                    offenders.Add($"{entry}: classified read");
                }
            }
#pragma warning disable CA1031 // A classifier that throws lets nothing through, but it is still a bug to report here.
            catch (Exception error)
#pragma warning restore CA1031
            {
                offenders.Add($"{entry}: the classifier threw {error.GetType().Name}: {error.Message}");
            }
        }

        Assert.True(offenders.Count == 0,
            $"{offenders.Count} statements that write, change schema or privileges, or call unknown code were not held:\n"
            + string.Join('\n', offenders));
    }

    [Fact]
    public void The_corpus_is_large_and_mostly_adversarial()
    {
        var postgres = SqlCorpus.For(SqlDialect.PostgreSql);
        var mysql = SqlCorpus.For(SqlDialect.MySql);
        var all = postgres.Concat(mysql).ToList();

        Assert.True(all.Count >= 300, $"the corpus has {all.Count} entries; it needs at least 300");
        Assert.True(postgres.Count >= 200, $"the PostgreSQL corpus has {postgres.Count} entries; it needs at least 200");
        Assert.True(mysql.Count >= 100, $"the MySQL corpus has {mysql.Count} entries; it needs at least 100");
        var bypass = all.Count(e => e.IsBypass);
        Assert.True(bypass >= 60, $"the corpus has {bypass} bypass attempts; it needs at least 60");
        Assert.True(all.Count(e => !e.AllowsRead) >= all.Count / 2, "most of the corpus should be statements that must not pass as read");
    }

    [Fact]
    public void Every_entry_has_a_category_and_a_unique_text_per_dialect_and_settings()
    {
        var untagged = SqlCorpus.All.Where(e => !e.Tags.Any(t => !MarkerTags.Contains(t))).Select(e => e.ToString()).ToList();
        Assert.True(untagged.Count == 0, "entries without a category tag:\n" + string.Join('\n', untagged));

        var duplicates = SqlCorpus.All.GroupBy(e => (e.Text, e.Settings)).Where(g => g.Count() > 1)
            .Select(g => string.Join(" = ", g.Select(e => e.Id))).ToList();
        Assert.True(duplicates.Count == 0, "duplicate entries:\n" + string.Join('\n', duplicates));
    }

    [Fact]
    public void The_corpus_format_keeps_multi_line_statements_escapes_and_settings()
    {
        const string text = """
            %# a comment line
            %% write|ddl dml bypass standard_conforming_strings=off -- a note
            SELECT 1;
            -- a SQL comment belongs to the statement
            DELETE FROM users

            %% unknown unicode u-escapes
            DROP\u200BTABLE users
            """;

        var entries = SqlCorpus.Parse(text, "inline", SqlDialect.PostgreSql);

        Assert.Equal(2, entries.Count);
        Assert.Equal("SELECT 1;\n-- a SQL comment belongs to the statement\nDELETE FROM users", entries[0].Text);
        Assert.Equal(new HashSet<StatementKind> { StatementKind.Write, StatementKind.Ddl }, entries[0].AcceptableKinds);
        Assert.True(entries[0].IsBypass);
        Assert.False(entries[0].Settings.StandardConformingStrings);
        Assert.Equal("a note", entries[0].Note);
        Assert.Equal(2, entries[0].Line);
        Assert.Equal("DROP\u200BTABLE users", entries[1].Text);
        Assert.Throws<FormatException>(() => SqlCorpus.Parse("%% reed query\nSELECT 1", "inline", SqlDialect.PostgreSql));
        Assert.Throws<FormatException>(() => SqlCorpus.Parse("%% read query ansi_quotes=on\nSELECT 1", "inline", SqlDialect.PostgreSql));
    }

    private static string Describe(ClassifiedBatch batch) =>
        batch.Statements.Count <= 1 && batch.Statements.All(s => s.Reason is null)
            ? ""
            : "\n" + string.Join('\n', batch.Statements.Select(s => $"  {SqlCorpus.KindName(s.Kind)}: {s.NormalizedText}" + (s.Reason is null ? "" : $" ({s.Reason})")));
}

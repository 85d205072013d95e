using Hoop.Api.V1Alpha1;
using Hoop.Policy.Sql;

namespace Hoop.Policy.Tests.Sql.Corpus;

/// <summary>One statement (or batch) of a corpus file and the kinds the classifier may give it.</summary>
internal sealed record SqlCorpusEntry(
    string File,
    int Line,
    string Text,
    IReadOnlySet<StatementKind> AcceptableKinds,
    IReadOnlySet<string> Tags,
    SqlDialectSettings Settings,
    string? Note)
{
    public const string BypassTag = "bypass";

    public const string NoExecTag = "no-exec";

    public SqlDialect Dialect => Settings.Dialect;

    public bool IsBypass => Tags.Contains(BypassTag);

    /// <summary>False for statements that could harm or hang the test server even inside a read-only transaction.</summary>
    public bool MayExecute => !Tags.Contains(NoExecTag);

    /// <summary>True when calling the statement <c>read</c> is acceptable; false means such a verdict is a security hole.</summary>
    public bool AllowsRead => AcceptableKinds.Contains(StatementKind.Read);

    public string Id => $"{File}:{Line}";

    public string Expected => string.Join('|', AcceptableKinds.Select(SqlCorpus.KindName));

    /// <summary>The statement on one line, shortened, with invisible characters made visible, for test names and messages.</summary>
    public string Preview(int max = 80)
    {
        var builder = new System.Text.StringBuilder();
        foreach (var c in Text)
        {
            if (builder.Length >= max)
            {
                builder.Append('…');
                break;
            }

            builder.Append(c is '\n' or '\r' or '\t' ? " " : IsInvisible(c) ? $"\\u{(int)c:X4}" : c.ToString());
        }

        return builder.ToString();
    }

    private static bool IsInvisible(char c) => c != ' ' && (char.IsControl(c) || char.GetUnicodeCategory(c)
        is System.Globalization.UnicodeCategory.Format
        or System.Globalization.UnicodeCategory.SpaceSeparator
        or System.Globalization.UnicodeCategory.LineSeparator);

    public override string ToString() => $"{Id} [{Expected}] {Preview()}";
}

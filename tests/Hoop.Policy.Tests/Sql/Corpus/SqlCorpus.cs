using System.Globalization;
using System.Text;
using Hoop.Api.V1Alpha1;
using Hoop.Policy.Sql;

namespace Hoop.Policy.Tests.Sql.Corpus;

/// <summary>Reads the <c>*.sql-corpus</c> files (format in README.md next to them).</summary>
internal static class SqlCorpus
{
    public const string PostgresFile = "postgres.sql-corpus";

    public const string MySqlFile = "mysql.sql-corpus";

    private const string RecordMarker = "%%";
    private const string CommentMarker = "%#";
    private const string UnicodeEscapesTag = "u-escapes";

    private static readonly Dictionary<string, StatementKind> Kinds = new(StringComparer.Ordinal)
    {
        ["read"] = StatementKind.Read,
        ["write"] = StatementKind.Write,
        ["ddl"] = StatementKind.Ddl,
        ["dcl"] = StatementKind.Dcl,
        ["transaction"] = StatementKind.Transaction,
        ["session"] = StatementKind.Session,
        ["admin"] = StatementKind.Admin,
        ["unknown"] = StatementKind.Unknown,
    };

    private static readonly Lazy<IReadOnlyList<SqlCorpusEntry>> Postgres = new(() => LoadFile(PostgresFile, SqlDialect.PostgreSql));
    private static readonly Lazy<IReadOnlyList<SqlCorpusEntry>> MySql = new(() => LoadFile(MySqlFile, SqlDialect.MySql));

    public static IReadOnlyList<SqlCorpusEntry> For(SqlDialect dialect) => dialect == SqlDialect.PostgreSql ? Postgres.Value : MySql.Value;

    public static IEnumerable<SqlCorpusEntry> All => Postgres.Value.Concat(MySql.Value);

    public static SqlCorpusEntry Find(string file, int line) =>
        All.Single(e => e.File == file && e.Line == line);

    public static string KindName(StatementKind kind) => Kinds.First(k => k.Value == kind).Key;

    public static IReadOnlyList<SqlCorpusEntry> LoadFile(string file, SqlDialect dialect)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Sql", "Corpus", file);
        return Parse(File.ReadAllText(path, Encoding.UTF8), file, dialect);
    }

    /// <summary>Parses corpus text; a malformed header fails with its file and line, so a typo cannot drop entries silently.</summary>
    public static IReadOnlyList<SqlCorpusEntry> Parse(string text, string file, SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var entries = new List<SqlCorpusEntry>();
        Header? header = null;
        var body = new List<string>();

        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.StartsWith(CommentMarker, StringComparison.Ordinal))
            {
                continue;
            }

            if (line.StartsWith(RecordMarker, StringComparison.Ordinal))
            {
                Flush();
                header = ParseHeader(line[RecordMarker.Length..], file, i + 1, dialect);
                continue;
            }

            if (header is null)
            {
                if (line.Trim().Length > 0)
                {
                    throw new FormatException($"{file}:{i + 1}: text before the first '%%' header: {line}");
                }

                continue;
            }

            body.Add(line);
        }

        Flush();
        return entries;

        void Flush()
        {
            if (header is null)
            {
                return;
            }

            // Blank lines between records are layout, not part of the statement before them.
            while (body.Count > 0 && body[^1].Trim().Length == 0)
            {
                body.RemoveAt(body.Count - 1);
            }

            var statement = string.Join('\n', body);
            if (header.Tags.Contains(UnicodeEscapesTag))
            {
                statement = DecodeUnicodeEscapes(statement);
            }

            if (statement.Trim().Length == 0)
            {
                throw new FormatException($"{file}:{header.Line}: the record has no statement");
            }

            entries.Add(new SqlCorpusEntry(file, header.Line, statement, header.Kinds, header.Tags, header.Settings, header.Note));
            body.Clear();
            header = null;
        }
    }

    /// <summary>Replaces <c>\uXXXX</c> with the character, so invisible characters stay visible in the file.</summary>
    public static string DecodeUnicodeEscapes(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 5 < text.Length && text[i + 1] == 'u'
                && int.TryParse(text.AsSpan(i + 2, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
            {
                builder.Append((char)code);
                i += 5;
            }
            else
            {
                builder.Append(text[i]);
            }
        }

        return builder.ToString();
    }

    private static Header ParseHeader(string header, string file, int line, SqlDialect dialect)
    {
        string? note = null;
        var noteStart = header.IndexOf(" -- ", StringComparison.Ordinal);
        if (noteStart >= 0)
        {
            note = header[(noteStart + 4)..].Trim();
            header = header[..noteStart];
        }

        var words = header.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length < 2)
        {
            throw new FormatException($"{file}:{line}: a header needs the acceptable kinds and at least one category tag");
        }

        var kinds = new HashSet<StatementKind>();
        foreach (var name in words[0].Split('|'))
        {
            if (!Kinds.TryGetValue(name, out var kind))
            {
                throw new FormatException($"{file}:{line}: '{name}' is not a statement kind (one of {string.Join(", ", Kinds.Keys)})");
            }

            kinds.Add(kind);
        }

        var tags = new HashSet<string>(StringComparer.Ordinal);
        var settings = dialect == SqlDialect.PostgreSql ? SqlDialectSettings.PostgreSql : SqlDialectSettings.MySql;
        foreach (var word in words.Skip(1))
        {
            var equals = word.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                tags.Add(word);
                continue;
            }

            var value = word[(equals + 1)..] switch
            {
                "on" => true,
                "off" => false,
                _ => throw new FormatException($"{file}:{line}: setting '{word}' must be on or off"),
            };
            settings = (word[..equals], dialect) switch
            {
                ("standard_conforming_strings", SqlDialect.PostgreSql) => settings with { StandardConformingStrings = value },
                ("no_backslash_escapes", SqlDialect.MySql) => settings with { NoBackslashEscapes = value },
                ("ansi_quotes", SqlDialect.MySql) => settings with { AnsiQuotes = value },
                _ => throw new FormatException($"{file}:{line}: unknown setting '{word}' for {dialect}"),
            };
        }

        return new Header(line, kinds, tags, settings, note);
    }

    private sealed record Header(int Line, IReadOnlySet<StatementKind> Kinds, IReadOnlySet<string> Tags, SqlDialectSettings Settings, string? Note);
}

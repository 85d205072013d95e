using Hoop.Policy.Sql;

namespace Hoop.Policy.Tests.Sql;

public sealed class SqlLexerTests
{
    private static readonly SqlDialectSettings Pg = SqlDialectSettings.PostgreSql;
    private static readonly SqlDialectSettings My = SqlDialectSettings.MySql;

    private static (SqlTokenKind Kind, string Text, bool Unterminated)[] Lex(string sql, SqlDialectSettings dialect) =>
        SqlLexer.Tokenize(sql, dialect).Select(t => (t.Kind, sql.Substring(t.Start, t.Length), t.IsUnterminated)).ToArray();

    private static (SqlTokenKind Kind, string Text)[] Significant(string sql, SqlDialectSettings dialect) =>
        Lex(sql, dialect).Where(t => t.Kind != SqlTokenKind.Whitespace).Select(t => (t.Kind, t.Text)).ToArray();

    [Theory]
    [InlineData("SELECT 1 /* a /* nested */ still comment */ , 2", "/* a /* nested */ still comment */")]
    [InlineData("SELECT 1 -- comment ; DROP\n", "-- comment ; DROP")]
    public void PostgreSql_comments_are_single_tokens(string sql, string comment)
    {
        Assert.Contains(Lex(sql, Pg), t => t.Kind is SqlTokenKind.BlockComment or SqlTokenKind.LineComment && t.Text == comment);
    }

    [Fact]
    public void MySql_block_comments_do_not_nest()
    {
        var tokens = Significant("SELECT /* a /* b */ 1 */", My);
        Assert.Equal((SqlTokenKind.BlockComment, "/* a /* b */"), tokens[1]);
        Assert.Equal((SqlTokenKind.Number, "1"), tokens[2]);
    }

    [Theory]
    [InlineData("SELECT 1 # hash comment", SqlTokenKind.LineComment)]
    [InlineData("SELECT 1 -- dash comment", SqlTokenKind.LineComment)]
    [InlineData("SELECT 1 --\tdash comment", SqlTokenKind.LineComment)]
    [InlineData("SELECT 1 --", SqlTokenKind.LineComment)]
    public void MySql_line_comments(string sql, object kind)
    {
        Assert.Equal((SqlTokenKind)kind, Significant(sql, My)[^1].Kind);
    }

    [Fact]
    public void MySql_double_dash_without_whitespace_is_two_minus_operators()
    {
        var tokens = Significant("SELECT 1--1", My);
        Assert.Equal(["SELECT", "1", "-", "-", "1"], tokens.Select(t => t.Text));
        Assert.Equal(SqlTokenKind.LineComment, Significant("SELECT 1--1", Pg)[^1].Kind);
    }

    [Fact]
    public void Hash_is_an_operator_in_PostgreSql()
    {
        Assert.Equal(SqlTokenKind.Operator, Significant("SELECT 1 # 2", Pg)[2].Kind);
    }

    [Theory]
    [InlineData("/*! DROP TABLE users */", "/*!")]
    [InlineData("/*!50000 DROP TABLE users */", "/*!50000")]
    [InlineData("/*M! DROP TABLE users */", "/*M!")]
    [InlineData("/*M!100000 DROP TABLE users */", "/*M!100000")]
    public void MySql_executable_comment_content_is_code(string sql, string marker)
    {
        var tokens = Significant(sql, My);
        Assert.Equal((SqlTokenKind.ExecutableCommentStart, marker), tokens[0]);
        Assert.Equal((SqlTokenKind.Word, "DROP"), tokens[1]);
        Assert.Equal((SqlTokenKind.ExecutableCommentEnd, "*/"), tokens[^1]);
    }

    [Fact]
    public void Unterminated_executable_comment_is_flagged()
    {
        var tokens = Lex("/*!50000 DROP TABLE users", My);
        Assert.True(tokens[0].Unterminated);
        Assert.Contains(tokens, t => t.Text == "DROP");
    }

    [Fact]
    public void Executable_comments_are_plain_comments_in_PostgreSql()
    {
        Assert.Equal(SqlTokenKind.BlockComment, Significant("/*! DROP TABLE users */", Pg).Single().Kind);
    }

    [Theory]
    [InlineData("'it''s'")]
    [InlineData("E'it\\'s'")]
    [InlineData("e'\\\\'")]
    [InlineData("B'0101'")]
    [InlineData("X'1F'")]
    [InlineData("N'text'")]
    [InlineData("U&'d\\0061t\\+000061'")]
    public void PostgreSql_string_forms_are_one_token(string literal)
    {
        var tokens = Significant($"SELECT {literal} AS x", Pg);
        Assert.Equal((SqlTokenKind.String, literal), tokens[1]);
        Assert.Equal("AS", tokens[2].Text);
    }

    [Fact]
    public void Plain_string_backslash_is_literal_when_standard_conforming_strings_is_on()
    {
        var tokens = Significant(@"SELECT 'a\'; DROP TABLE users; --'", Pg);
        Assert.Equal((SqlTokenKind.String, @"'a\'"), tokens[1]);
        Assert.Equal(SqlTokenKind.Semicolon, tokens[2].Kind);
    }

    [Fact]
    public void Plain_string_backslash_escapes_when_standard_conforming_strings_is_off()
    {
        var off = SqlDialectSettings.PostgreSql with { StandardConformingStrings = false };
        var tokens = Significant(@"SELECT 'a\'; DROP TABLE users; --'", off);
        Assert.Equal(2, tokens.Length);
        Assert.Equal(SqlTokenKind.String, tokens[1].Kind);
    }

    [Fact]
    public void Unicode_identifier_with_uescape_lexes_as_identifier_then_keyword_and_string()
    {
        var tokens = Significant("SELECT U&\"d!0061t\" UESCAPE '!'", Pg);
        Assert.Equal((SqlTokenKind.QuotedIdentifier, "U&\"d!0061t\""), tokens[1]);
        Assert.Equal((SqlTokenKind.Word, "UESCAPE"), tokens[2]);
        Assert.Equal((SqlTokenKind.String, "'!'"), tokens[3]);
    }

    [Theory]
    [InlineData("$$ DROP TABLE x; $$")]
    [InlineData("$body$ it's $$ here $body$")]
    [InlineData("$_a1$ x $_a1$")]
    public void Dollar_quotes_are_one_token(string quoted)
    {
        var tokens = Significant($"SELECT {quoted};", Pg);
        Assert.Equal((SqlTokenKind.DollarString, quoted), tokens[1]);
        Assert.Equal(SqlTokenKind.Semicolon, tokens[2].Kind);
    }

    [Fact]
    public void Dollar_number_is_a_parameter_not_a_quote()
    {
        var tokens = Significant("SELECT $1, $2 FROM t", Pg);
        Assert.Equal((SqlTokenKind.Parameter, "$1"), tokens[1]);
        Assert.Equal((SqlTokenKind.Parameter, "$2"), tokens[3]);
    }

    [Fact]
    public void Dollar_tag_cannot_start_with_a_digit()
    {
        Assert.DoesNotContain(Lex("SELECT $1abc$ x $1abc$", Pg), t => t.Kind == SqlTokenKind.DollarString);
    }

    [Fact]
    public void Dollar_inside_identifier_is_part_of_it()
    {
        Assert.Equal((SqlTokenKind.Word, "a$b$"), Significant("SELECT a$b$ FROM t", Pg)[1]);
    }

    [Fact]
    public void Quoted_identifiers_keep_doubled_quotes()
    {
        Assert.Equal((SqlTokenKind.QuotedIdentifier, "\"a\"\"b\""), Significant("SELECT \"a\"\"b\" FROM t", Pg)[1]);
        Assert.Equal((SqlTokenKind.QuotedIdentifier, "`a``b`"), Significant("SELECT `a``b` FROM t", My)[1]);
    }

    [Theory]
    [InlineData(@"'a\'b'", SqlTokenKind.String)]
    [InlineData(@"""a\""b""", SqlTokenKind.String)]
    [InlineData("_utf8mb4'x'", SqlTokenKind.String)]
    [InlineData("N'x'", SqlTokenKind.String)]
    [InlineData("X'4D'", SqlTokenKind.String)]
    [InlineData("b'01'", SqlTokenKind.String)]
    [InlineData("0x4D", SqlTokenKind.Number)]
    [InlineData("@@global.max_connections", SqlTokenKind.Variable)]
    [InlineData("@`v`", SqlTokenKind.Variable)]
    public void MySql_literal_forms(string literal, object kind)
    {
        var tokens = Significant($"SELECT {literal}, 1", My);
        Assert.Equal(((SqlTokenKind)kind, literal), tokens[1]);
        Assert.Equal(SqlTokenKind.Comma, tokens[2].Kind);
    }

    [Fact]
    public void MySql_no_backslash_escapes_makes_backslash_ordinary()
    {
        var settings = SqlDialectSettings.MySql with { NoBackslashEscapes = true };
        var tokens = Significant(@"SELECT 'a\'; DROP TABLE users; -- '", settings);
        Assert.Equal((SqlTokenKind.String, @"'a\'"), tokens[1]);
        Assert.Equal(SqlTokenKind.Semicolon, tokens[2].Kind);
    }

    [Fact]
    public void MySql_ansi_quotes_makes_double_quote_an_identifier()
    {
        var settings = SqlDialectSettings.MySql with { AnsiQuotes = true };
        Assert.Equal(SqlTokenKind.QuotedIdentifier, Significant("SELECT \"x\" FROM t", settings)[1].Kind);
        Assert.Equal(SqlTokenKind.String, Significant("SELECT \"x\" FROM t", My)[1].Kind);
    }

    [Fact]
    public void Fullwidth_letters_form_a_word_that_is_not_a_keyword()
    {
        var tokens = Significant("ＤＲＯＰ TABLE users", Pg);
        Assert.Equal((SqlTokenKind.Word, "ＤＲＯＰ"), tokens[0]);
        Assert.Equal(SqlKeyword.None, SqlKeywords.Lookup("ＤＲＯＰ"));
        Assert.Equal(SqlKeyword.None, SqlKeywords.Lookup("ſelect"));
        Assert.Equal(SqlKeyword.Drop, SqlKeywords.Lookup("dRoP"));
    }

    [Theory]
    [InlineData("SELECT 'abc", SqlTokenKind.String)]
    [InlineData("SELECT E'abc\\'", SqlTokenKind.String)]
    [InlineData("SELECT \"abc", SqlTokenKind.QuotedIdentifier)]
    [InlineData("SELECT /* a /* b */", SqlTokenKind.BlockComment)]
    [InlineData("SELECT $tag$ body", SqlTokenKind.DollarString)]
    public void Unterminated_constructs_run_to_the_end_and_are_flagged(string sql, object kind)
    {
        var last = Lex(sql, Pg)[^1];
        Assert.Equal((SqlTokenKind)kind, last.Kind);
        Assert.True(last.Unterminated);
        Assert.EndsWith(last.Text, sql, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SELECT `abc")]
    [InlineData("SELECT 'abc\\")]
    [InlineData("SELECT /* abc")]
    public void MySql_unterminated_constructs_are_flagged(string sql)
    {
        Assert.True(Lex(sql, My)[^1].Unterminated);
    }

    [Theory]
    [InlineData("SELECT a, b FROM t WHERE x = 'y' -- c\n/* d */ ORDER BY 1;")]
    [InlineData("\0\u0001'\\$$$1$a$\"`@@#--/*!*/")]
    [InlineData("")]
    [InlineData("é ＤＲＯＰ ſelect 𝔸 \u00a0")]
    public void Tokens_cover_every_character_contiguously(string sql)
    {
        foreach (var dialect in new[] { Pg, My, Pg with { StandardConformingStrings = false }, My with { AnsiQuotes = true } })
        {
            var tokens = SqlLexer.Tokenize(sql, dialect);
            var at = 0;
            foreach (var token in tokens)
            {
                Assert.Equal(at, token.Start);
                Assert.True(token.Length > 0);
                at = token.End;
            }

            Assert.Equal(sql.Length, at);
        }
    }

    [Fact]
    public void Random_input_never_throws_and_is_covered()
    {
        var random = new Random(20240601);
        const string alphabet = "ab$_1 '\"`\\;()/*!-#@.:\nE&UX\u00e9M0";
        for (var round = 0; round < 2000; round++)
        {
            var chars = new char[random.Next(0, 40)];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = alphabet[random.Next(alphabet.Length)];
            }

            var sql = new string(chars);
            foreach (var dialect in new[] { Pg, My })
            {
                var tokens = SqlLexer.Tokenize(sql, dialect);
                Assert.Equal(sql.Length, tokens.Sum(t => t.Length));
                _ = StatementClassifier.Classify(sql, dialect);
            }
        }
    }

    [Fact]
    public void Long_pathological_input_lexes_in_linear_time()
    {
        var sql = "SELECT $a" + string.Concat(Enumerable.Repeat("$aaaaaaaaaa", 50_000)) + " /*" + new string('/', 100_000);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var tokens = SqlLexer.Tokenize(sql, Pg);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
        Assert.Equal(sql.Length, tokens.Sum(t => t.Length));
    }
}

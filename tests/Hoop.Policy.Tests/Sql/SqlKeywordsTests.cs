using Hoop.Policy.Sql;

namespace Hoop.Policy.Tests.Sql;

public sealed class SqlKeywordsTests
{
    [Fact]
    public void Every_keyword_is_found_in_upper_and_lower_case()
    {
        foreach (var keyword in Enum.GetValues<SqlKeyword>().Where(k => k != SqlKeyword.None))
        {
            var name = keyword.ToString();
            Assert.Equal(keyword, SqlKeywords.Lookup(name.ToUpperInvariant()));
            Assert.Equal(keyword, SqlKeywords.Lookup(name.ToLowerInvariant()));
        }
    }

    [Theory]
    [InlineData("selects")]
    [InlineData("selec")]
    [InlineData("analyzes")]
    [InlineData("x")]
    [InlineData("users")]
    [InlineData("sql_calc_found_rows_x")]
    public void Words_that_only_resemble_a_keyword_are_not_keywords(string word) =>
        Assert.Equal(SqlKeyword.None, SqlKeywords.Lookup(word));
}

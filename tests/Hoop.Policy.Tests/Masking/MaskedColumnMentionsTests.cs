using Hoop.Api.V1Alpha1;
using Hoop.Policy.Masking;
using Hoop.Policy.Sql;

namespace Hoop.Policy.Tests.Masking;

public sealed class MaskedColumnMentionsTests
{
    private static readonly MaskingEngine Engine = MaskingSpecs.Columns(("email", MaskingStrategy.Partial), ("*.ssn", MaskingStrategy.Redact), ("users.card_*", MaskingStrategy.Hash));

    [Theory]
    [InlineData("SELECT lower(email) FROM users", MaskingStrategy.Partial)]
    [InlineData("SELECT \"EMAIL\" || '' FROM users", MaskingStrategy.Partial)]
    [InlineData("SELECT u.Email FROM users u", MaskingStrategy.Partial)]
    [InlineData("SELECT lower(email), ssn || '' FROM users", MaskingStrategy.Redact)]
    [InlineData("SELECT md5(card_number) FROM users", MaskingStrategy.Hash)]
    [InlineData("SELECT /* email */ count(*) FROM users WHERE note = 'email'", null)]
    [InlineData("SELECT count(*), max(id) FROM users", null)]
    [InlineData("SELECT emails FROM users", null)]
    public void A_statement_passes_on_the_strictest_rule_it_names(string sql, MaskingStrategy? expected)
    {
        Assert.Equal(expected, MaskedColumnMentions.Find(Engine, sql, SqlDialectSettings.PostgreSql));
    }

    [Fact]
    public void Without_column_rules_nothing_is_inherited()
    {
        Assert.Null(MaskedColumnMentions.Find(MaskingSpecs.Redacting(DetectorType.Email), "SELECT email FROM users", SqlDialectSettings.PostgreSql));
    }
}

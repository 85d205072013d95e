using Hoop.Api.V1Alpha1;
using Hoop.Policy.Masking;

namespace Hoop.Policy.Tests.Masking;

public sealed class ColumnRuleTests
{
    [Theory]
    [InlineData("email", "users", "email", true)]
    [InlineData("email", null, "EMAIL", true)]
    [InlineData("email", "users", "emails", false)]
    [InlineData("card_*", "payments", "card_number", true)]
    [InlineData("*.ssn", "users", "ssn", true)]
    [InlineData("*.ssn", "Users", "SSN", true)]
    [InlineData("*.ssn", "users", "ssn_hint", false)]
    [InlineData("*.ssn", "public.users", "ssn", true)]
    [InlineData("users.card_*", "users", "card_number", true)]
    [InlineData("users.card_*", "USERS", "Card_Number", true)]
    [InlineData("users.card_*", "public.users", "card_number", true)]
    [InlineData("users.card_*", "admins", "card_number", false)]
    [InlineData("users.card_*", "users", "number", false)]
    [InlineData("public.users.ssn", "public.users", "ssn", true)]
    [InlineData("public.users.ssn", "audit.users", "ssn", false)]
    [InlineData("users.card_?", "users", "card_1", true)]
    [InlineData("users.[abc]*", "users", "bank", true)]
    public void Patterns_match_column_or_table_dot_column(string pattern, string? table, string column, bool masked)
    {
        var engine = MaskingSpecs.Columns((pattern, MaskingStrategy.Redact));
        Assert.Equal(masked, engine.FindColumnRule(table, column) is not null);
    }

    [Theory]
    [InlineData("users.card_*", "card_number", true)]
    [InlineData("*.ssn", "ssn", true)]
    [InlineData("users.card_*", "total", false)]
    public void A_column_of_unknown_table_fails_closed_on_dotted_patterns(string pattern, string column, bool masked)
    {
        var plan = MaskingSpecs.Columns((pattern, MaskingStrategy.Redact)).CreatePlan([new ResultColumn(null, column)]);
        Assert.Equal(masked, plan.IsMaskedByRule(0));
    }

    [Fact]
    public void The_first_matching_rule_gives_the_strategy()
    {
        var engine = MaskingSpecs.Columns(
            ("users.email", MaskingStrategy.Partial),
            ("email", MaskingStrategy.Hash),
            ("*", MaskingStrategy.Redact));
        var plan = engine.CreatePlan([new("users", "email"), new("orders", "email"), new("orders", "id")]);

        Assert.Equal(MaskingStrategy.Partial, plan.GetRuleStrategy(0));
        Assert.Equal(MaskingStrategy.Hash, plan.GetRuleStrategy(1));
        Assert.Equal(MaskingStrategy.Redact, plan.GetRuleStrategy(2));
        Assert.Equal("b***@example.com", plan.MaskColumn(0, "bob@example.com"));
        Assert.StartsWith("hash:", plan.MaskColumn(1, "bob@example.com"), StringComparison.Ordinal);
        Assert.Equal("[REDACTED]", plan.MaskColumn(2, "42"));
    }

    [Fact]
    public void A_plan_reports_which_columns_rules_mask()
    {
        var engine = MaskingSpecs.Columns(("*.ssn", MaskingStrategy.Redact));
        var plan = engine.CreatePlan([new("users", "id"), new("users", "ssn"), new(null, "name")]);

        Assert.Equal(3, plan.ColumnCount);
        Assert.Equal(1, plan.MaskedByRuleCount);
        Assert.Equal([false, true, false], Enumerable.Range(0, 3).Select(plan.IsMaskedByRule));
        Assert.Null(plan.GetRuleStrategy(0));
        Assert.False(plan.PassesThrough);
        Assert.Equal("7", plan.MaskColumn(0, "7"));
    }

    [Fact]
    public void With_no_rules_and_no_detectors_everything_passes_through()
    {
        var engine = MaskingEngine.Create(null, MaskingSpecs.Salt);
        var plan = engine.CreatePlan([new("users", "email")]);

        Assert.False(engine.IsEnabled);
        Assert.True(plan.PassesThrough);
        Assert.Equal("bob@example.com", plan.MaskColumn(0, "bob@example.com"));
        Assert.Equal("bob@example.com", engine.MaskText("bob@example.com"));
    }

    [Fact]
    public void Every_problem_in_a_spec_is_reported_with_where_it_is()
    {
        var spec = new Api.V1Alpha1.Masking
        {
            Columns =
            [
                new ColumnMaskingRule { Pattern = "users.[abc" },
                new ColumnMaskingRule { Pattern = "email" },
                new ColumnMaskingRule { Pattern = "users." },
                new ColumnMaskingRule { Pattern = @"trailing\" },
            ],
            Detectors =
            [
                new ContentDetector { Type = DetectorType.Email },
                new ContentDetector { Type = DetectorType.Email, Strategy = MaskingStrategy.Hash },
                new ContentDetector { Type = (DetectorType)99 },
            ],
        };

        Assert.False(MaskingEngine.TryCreate(spec, MaskingSpecs.Salt, out var engine, out var errors));
        Assert.Null(engine);
        Assert.Collection(
            errors,
            e => Assert.Contains("masking.columns[0].pattern", e, StringComparison.Ordinal),
            e => Assert.Contains("masking.columns[2].pattern 'users.' has an empty", e, StringComparison.Ordinal),
            e => Assert.Contains("masking.columns[3].pattern", e, StringComparison.Ordinal),
            e => Assert.Contains("masking.detectors[1] lists detector 'Email' again", e, StringComparison.Ordinal),
            e => Assert.Contains("masking.detectors[2].type", e, StringComparison.Ordinal));
        Assert.Contains("closing ']'", errors[0], StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => MaskingEngine.Create(spec, MaskingSpecs.Salt));
    }

    [Fact]
    public void A_short_salt_is_refused()
    {
        Assert.Throws<ArgumentException>(() => MaskingEngine.Create(null, new byte[8]));
    }
}

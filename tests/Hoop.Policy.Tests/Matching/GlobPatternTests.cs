using Hoop.Policy.Matching;

namespace Hoop.Policy.Tests.Matching;

public sealed class GlobPatternTests
{
    [Theory]
    [InlineData("users.card_*", "users.card_number", true)]
    [InlineData("users.card_*", "users.card_", true)]
    [InlineData("users.card_*", "admins.card_number", false)]
    [InlineData("*.ssn", "users.ssn", true)]
    [InlineData("*.ssn", "public.users.ssn", false)]
    [InlineData("**.ssn", "public.users.ssn", true)]
    [InlineData("email", "email", true)]
    [InlineData("email", "emails", false)]
    [InlineData("user?", "users", true)]
    [InlineData("user?", "user.", false)]
    [InlineData("t[0-9]", "t7", true)]
    [InlineData("t[0-9]", "tx", false)]
    [InlineData("t[!0-9]", "tx", true)]
    [InlineData("t[!0-9]", "t7", false)]
    [InlineData("[]]x", "]x", true)]
    [InlineData(@"a\*b", "a*b", true)]
    [InlineData(@"a\*b", "axb", false)]
    [InlineData("a+b(c)", "a+b(c)", true)]
    public void Matches_like_a_shell_glob_within_segments(string pattern, string value, bool matches)
    {
        Assert.Equal(matches, GlobPattern.Parse(pattern).IsMatch(value));
    }

    [Theory]
    [InlineData("/admin/*", "/admin/users", true)]
    [InlineData("/admin/*", "/admin/users/1", false)]
    [InlineData("/admin/**", "/admin/users/1", true)]
    public void The_separator_is_chosen_per_use(string pattern, string value, bool matches)
    {
        Assert.Equal(matches, GlobPattern.Parse(pattern, separator: '/').IsMatch(value));
    }

    [Fact]
    public void Case_is_ignored_only_when_asked()
    {
        Assert.False(GlobPattern.Parse("users.*").IsMatch("USERS.email"));
        Assert.True(GlobPattern.Parse("users.*", ignoreCase: true).IsMatch("USERS.email"));
    }

    [Theory]
    [InlineData("users.[abc", "without a closing ']'")]
    [InlineData("[!", "without a closing ']'")]
    [InlineData(@"trailing\", "lone backslash")]
    public void A_broken_glob_is_refused_with_a_reason(string pattern, string reason)
    {
        Assert.False(GlobPattern.TryParse(pattern, '.', ignoreCase: false, out var glob, out var error));
        Assert.Null(glob);
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => GlobPattern.Parse(pattern));
    }
}

namespace Hoop.Api.Tests;

public sealed class GoDurationTests
{
    [Theory]
    [InlineData("30m", 30 * 60)]
    [InlineData("4h", 4 * 3600)]
    [InlineData("1h30m", 5400)]
    [InlineData("1.5h", 5400)]
    [InlineData("90s", 90)]
    [InlineData("168h", 168 * 3600)]
    public void Parses_go_durations(string text, int seconds)
    {
        Assert.True(GoDuration.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("30")]
    [InlineData("1d")]
    [InlineData("h")]
    [InlineData("1..5h")]
    [InlineData("-1h")]
    [InlineData("99999999999999999999h")]
    public void Refuses_what_is_not_a_go_duration(string? text)
    {
        Assert.False(GoDuration.TryParse(text, out _));
    }
}

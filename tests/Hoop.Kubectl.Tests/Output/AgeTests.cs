using Hoop.Kubectl.Output;

namespace Hoop.Kubectl.Tests.Output;

public sealed class AgeTests
{
    [Theory]
    [InlineData(0, "0s")]
    [InlineData(119, "119s")]
    [InlineData(120, "2m")]
    [InlineData(200, "3m20s")]
    [InlineData(725, "12m")]
    [InlineData(3 * 3600 + 1800, "3h30m")]
    [InlineData(9 * 3600, "9h")]
    [InlineData(52 * 3600, "2d4h")]
    [InlineData(40 * 86400, "40d")]
    [InlineData(3 * 365 * 86400 + 12 * 86400, "3y12d")]
    [InlineData(-5, "<invalid>")]
    public void Ages_read_as_kubectl_get_prints_them(long seconds, string expected) =>
        Assert.Equal(expected, Age.Format(TimeSpan.FromSeconds(seconds)));
}

using Hoop.Gateway.Authentication;

namespace Hoop.Gateway.Tests.Authentication;

public sealed class FailureTextTests
{
    private const string Token = "eyJhbGciOiJSUzI1NiJ9.c2VjcmV0LXBheWxvYWQ.c2lnbmF0dXJl";

    [Fact]
    public void An_error_that_echoes_part_of_the_token_is_dropped() =>
        Assert.Null(FailureText.Scrub("invalid bearer token c2VjcmV0LXBheWxvYWQ", Token));

    [Fact]
    public void An_error_without_the_token_is_kept_on_one_line() =>
        Assert.Equal("invalid bearer token,  token expired", FailureText.Scrub("invalid bearer token,\n token expired", Token));

    [Fact]
    public void A_long_error_is_shortened() =>
        Assert.Equal(200, FailureText.Scrub(new string('e', 1000), Token)!.Length);
}

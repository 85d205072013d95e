using Hoop.LocalKube.Patching;

namespace Hoop.LocalKube.Tests.Patching;

public sealed class JsonPointerTests
{
    [Theory]
    [InlineData("", new string[0])]
    [InlineData("/", new[] { "" })]
    [InlineData("/a/b", new[] { "a", "b" })]
    [InlineData("/a~1b/m~0n", new[] { "a/b", "m~n" })]
    [InlineData("/~01", new[] { "~1" })]
    public void Tokens_are_unescaped_with_tilde_one_before_tilde_zero(string text, string[] tokens)
    {
        Assert.True(JsonPointer.TryParse(text, out var pointer, out _));

        Assert.Equal(tokens, pointer.Tokens);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("/a~")]
    [InlineData("/a~2")]
    public void Text_that_is_not_a_pointer_is_refused_with_a_reason(string text)
    {
        Assert.False(JsonPointer.TryParse(text, out _, out var error));

        Assert.Contains($"\"{text}\" is not a JSON pointer", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0", true)]
    [InlineData("12", true)]
    [InlineData("01", false)]
    [InlineData("-", false)]
    [InlineData("1a", false)]
    [InlineData("", false)]
    public void Array_indexes_are_digits_without_leading_zeros(string token, bool isIndex)
    {
        Assert.Equal(isIndex, JsonPointer.TryParseIndex(token, out _));
    }

    [Fact]
    public void The_parent_of_a_pointer_drops_its_last_token()
    {
        Assert.True(JsonPointer.TryParse("/metadata/annotations/a~1b", out var pointer, out _));

        Assert.Equal("/metadata/annotations", pointer.Parent.Text);
        Assert.Equal("a/b", pointer.LastToken);
        Assert.True(pointer.Parent.Parent.Parent.IsRoot);
    }
}

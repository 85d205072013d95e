using System.Buffers;
using System.Text;
using Hoop.Gateway.Postgres.Masking;

namespace Hoop.Gateway.Tests.Postgres.Masking;

public sealed class QuotedValuesTests
{
    [Theory]
    [InlineData("invalid input syntax for type integer: \"alice@example.com\"", "invalid input syntax for type integer: \"[REDACTED]\"")]
    [InlineData("Key (email)=(alice@example.com) already exists.", "Key (email)=([REDACTED]) already exists.")]
    [InlineData("Key (email)=(a) b)=(c) already exists.", "Key (email)=([REDACTED]) already exists.")]
    [InlineData("value \"a\"b\" is bad", "value \"[REDACTED]\" is bad")]
    [InlineData("unterminated \"secret", "unterminated \"[REDACTED]")]
    public void Quoted_values_are_redacted_from_the_first_quote_to_the_last(string text, string expected)
    {
        var output = new ArrayBufferWriter<byte>();
        Assert.True(QuotedValues.Redact(Encoding.UTF8.GetBytes(text), output));
        Assert.Equal(expected, Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void Text_without_quotes_is_left_as_it_is()
    {
        var output = new ArrayBufferWriter<byte>();
        Assert.False(QuotedValues.Redact("division by zero"u8, output));
        Assert.Equal("division by zero", Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void A_string_is_redacted_the_same_way()
    {
        Assert.Equal("bad value: \"[REDACTED]\"", QuotedValues.Redact("bad value: \"alice@example.com\""));
        Assert.Equal("division by zero", QuotedValues.Redact("division by zero"));
    }
}

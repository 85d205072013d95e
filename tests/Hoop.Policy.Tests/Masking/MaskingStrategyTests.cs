using System.Security.Cryptography;
using System.Text;
using Hoop.Api.V1Alpha1;
using Hoop.Policy.Masking;

namespace Hoop.Policy.Tests.Masking;

public sealed class MaskingStrategyTests
{
    private static string Column(MaskingStrategy strategy, string value, byte[]? salt = null)
    {
        var engine = MaskingEngine.Create(
            new Api.V1Alpha1.Masking { Columns = [new ColumnMaskingRule { Pattern = "secret", Strategy = strategy }] },
            salt ?? MaskingSpecs.Salt);
        return engine.CreatePlan([new ResultColumn("t", "secret")]).MaskColumn(0, value);
    }

    [Theory]
    [InlineData("john.doe@example.com", "j***@example.com")]
    [InlineData("j@example.com", "****@example.com")]
    [InlineData("étienne@example.fr", "é***@example.fr")]
    [InlineData("4242 4242 4242 4242", "**** **** **** 4242")]
    [InlineData("378282246310005", "**** **** **** 0005")]
    [InlineData("123-45-6789", "***-**-6789")]
    [InlineData("DE89370400440532013000", "DE** **** **** **** **** 3000")]
    [InlineData("DE89 3704 0044 0532 0130 00", "DE** **** **** **** **** 3000")]
    [InlineData("NO9386011117947", "NO** **** **** 7947")]
    [InlineData("+14155550123", "+*******0123")]
    [InlineData("Jonathan Smith", "****mith")]
    [InlineData("123456789", "****6789")]
    [InlineData("12345678", "****")]
    [InlineData("Alice", "****")]
    [InlineData("", "****")]
    [InlineData("Zürich-Straße 12", "****e 12")]
    [InlineData("東京都千代田区千代田", "****区千代田")]
    public void Partial_keeps_what_each_kind_of_value_can_spare(string value, string expected)
    {
        Assert.Equal(expected, Column(MaskingStrategy.Partial, value));
    }

    [Fact]
    public void Redact_of_a_column_is_a_fixed_marker()
    {
        Assert.Equal("[REDACTED]", Column(MaskingStrategy.Redact, "john.doe@example.com"));
        Assert.Equal("[REDACTED]", Column(MaskingStrategy.Redact, ""));
    }

    [Fact]
    public void Hash_is_the_truncated_hmac_of_the_value_in_hex()
    {
        var expected = "hash:" + Convert.ToHexStringLower(HMACSHA256.HashData(MaskingSpecs.Salt, Encoding.UTF8.GetBytes("alice"))[..16]);
        Assert.Equal(expected, Column(MaskingStrategy.Hash, "alice"));
        Assert.Equal(37, expected.Length);
    }

    [Fact]
    public void Hash_is_stable_for_a_salt_and_differs_across_salts()
    {
        var otherSalt = Encoding.UTF8.GetBytes("another-connection-salt-0123456");
        Assert.Equal(Column(MaskingStrategy.Hash, "alice"), Column(MaskingStrategy.Hash, "alice"));
        Assert.NotEqual(Column(MaskingStrategy.Hash, "alice"), Column(MaskingStrategy.Hash, "alicf"));
        Assert.NotEqual(Column(MaskingStrategy.Hash, "alice"), Column(MaskingStrategy.Hash, "alice", otherSalt));
    }

    [Fact]
    public void Hashes_of_detected_values_join_with_hashes_of_column_values()
    {
        var detecting = MaskingSpecs.Detecting(MaskingStrategy.Hash, DetectorType.CreditCard, DetectorType.Email);
        var spaced = detecting.MaskText("card 4242 4242 4242 4242");
        var plain = detecting.MaskText("card 4242424242424242");
        Assert.Equal(spaced, plain);
        Assert.Equal("card " + Column(MaskingStrategy.Hash, "4242-4242-4242-4242"), plain);
        Assert.Equal("to " + Column(MaskingStrategy.Hash, "bob@example.com"), detecting.MaskText("to bob@example.com"));
    }

    [Theory]
    [InlineData(DetectorType.Email, "mail john.doe@example.com now", "mail j***@example.com now")]
    [InlineData(DetectorType.CreditCard, "card 4242-4242-4242-4242 ok", "card **** **** **** 4242 ok")]
    [InlineData(DetectorType.UsSsn, "ssn 123-45-6789", "ssn ***-**-6789")]
    [InlineData(DetectorType.Iban, "DE89 3704 0044 0532 0130 00", "DE** **** **** **** **** 3000")]
    [InlineData(DetectorType.Phone, "tel +14155550123", "tel +*******0123")]
    [InlineData(DetectorType.IpAddress, "ip 192.168.100.200", "ip ****.200")]
    [InlineData(DetectorType.ApiKey, "AKIAIOSFODNN7EXAMPLE", "****MPLE")]
    public void Partial_detections_keep_their_kinds_format(DetectorType type, string input, string expected)
    {
        Assert.Equal(expected, MaskingSpecs.Detecting(MaskingStrategy.Partial, type).MaskText(input));
    }

    [Fact]
    public void Every_detector_has_its_own_redaction_marker()
    {
        var engine = MaskingSpecs.Redacting(MaskingSpecs.AllDetectors);
        var masked = engine.MaskText(
            "a@example.com 4242424242424242 123-45-6789 DE89370400440532013000 +14155550123 10.1.2.3 AKIAIOSFODNN7EXAMPLE");
        Assert.Equal(
            "[REDACTED:email] [REDACTED:creditCard] [REDACTED:usSsn] [REDACTED:iban] [REDACTED:phone] [REDACTED:ipAddress] [REDACTED:apiKey]",
            masked);
    }
}

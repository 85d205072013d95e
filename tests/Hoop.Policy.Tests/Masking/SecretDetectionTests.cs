using System.Buffers.Text;
using System.Text;
using Hoop.Api.V1Alpha1;

namespace Hoop.Policy.Tests.Masking;

public sealed class SecretDetectionTests
{
    private const string Jwt =
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";

    private static string Segment(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void A_jwt_is_masked_inside_a_header_line()
    {
        var masked = MaskingSpecs.Redacting(DetectorType.Jwt).MaskText($"Authorization: Bearer {Jwt}\n");
        Assert.Equal("Authorization: Bearer [REDACTED:jwt]\n", masked);
    }

    [Fact]
    public void An_unsigned_jwt_is_masked_too()
    {
        var token = $"{Segment("{\"alg\":\"none\"}")}.{Segment("{\"sub\":\"x\"}")}.";
        Assert.Equal("t=[REDACTED:jwt]", MaskingSpecs.Redacting(DetectorType.Jwt).MaskText($"t={token}"));
    }

    [Theory]
    [InlineData("{\"alg\" broken")] // not JSON
    [InlineData("{\"typ\":\"JWT\"}")] // no alg
    [InlineData("{\"x\":{\"alg\":\"HS256\"}}")] // alg not at the top level
    public void A_jwt_shape_whose_header_is_not_a_json_object_with_alg_is_left_alone(string header)
    {
        var text = $"{Segment(header)}.{Segment("{\"sub\":\"x\"}")}.c2lnbmF0dXJl";
        Assert.StartsWith("eyJ", text, StringComparison.Ordinal);
        Assert.Equal(text, MaskingSpecs.Redacting(DetectorType.Jwt).MaskText(text));
    }

    [Fact]
    public void Two_segments_are_not_a_jwt()
    {
        var text = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0";
        Assert.Equal(text, MaskingSpecs.Redacting(DetectorType.Jwt).MaskText(text));
    }

    [Theory]
    [InlineData("AKIAIOSFODNN7EXAMPLE")]
    [InlineData("ASIAY34FZKBOKMUTVV7A")]
    [InlineData("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")]
    [InlineData("gho_16C7e42F292c6912E7710c838347Ae178B4a")]
    [InlineData("github_pat_11ABCDEFG0123456789abcd_efghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefg")]
    [InlineData("xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx")]
    [InlineData("sk_live_4eC39HqLyjWDarjtT1zdp7dc")]
    [InlineData("rk_live_51H8abcdefghijklmnopqrstuvwx")]
    [InlineData("AIzaSyA-1234567890abcdefghijklmnopqrstu")]
    public void Api_keys_are_masked(string key)
    {
        var masked = MaskingSpecs.Redacting(DetectorType.ApiKey).MaskText($"export KEY={key} # rotate");
        Assert.Equal("export KEY=[REDACTED:apiKey] # rotate", masked);
    }

    [Theory]
    [InlineData("AKIA1234")]
    [InlineData("AKIAiosfodnn7example")]
    [InlineData("ghp_short")]
    [InlineData("ghx_wWPw5k4aXcaT4fNP0UcnZwJUVFk6LO0pINUx")]
    [InlineData("sk_test_4eC39HqLyjWDarjtT1zdp7dc")]
    [InlineData("xoxz-123456789012-1234567890123")]
    [InlineData("AIzaShort")]
    [InlineData("the highest ghost night")]
    public void Near_misses_of_api_keys_are_left_alone(string text)
    {
        Assert.Equal(text, MaskingSpecs.Redacting(DetectorType.ApiKey).MaskText(text));
    }

    [Fact]
    public void A_pem_private_key_block_is_masked_through_its_end_line()
    {
        var text = "key:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo\n4lgOEePzNm0tRgeLezV6ffAt0gunVTLw\n-----END RSA PRIVATE KEY-----\nafter";
        Assert.Equal("key:\n[REDACTED:apiKey]\nafter", MaskingSpecs.Redacting(DetectorType.ApiKey).MaskText(text));
    }

    [Fact]
    public void A_cut_off_private_key_block_is_masked_to_the_end()
    {
        var text = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC";
        Assert.Equal("[REDACTED:apiKey]", MaskingSpecs.Redacting(DetectorType.ApiKey).MaskText(text));
    }

    [Fact]
    public void A_certificate_is_not_a_private_key()
    {
        var text = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----";
        Assert.Equal(text, MaskingSpecs.Redacting(DetectorType.ApiKey).MaskText(text));
    }
}

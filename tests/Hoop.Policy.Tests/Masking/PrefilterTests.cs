using Hoop.Api.V1Alpha1;

namespace Hoop.Policy.Tests.Masking;

/// <summary>
/// The profile that rules values out before any detector runs works on sixteen-byte blocks and on values up to 64 bytes
/// differently from longer ones; a finding must not depend on where it sits or how long the value around it is.
/// </summary>
public sealed class PrefilterTests
{
    public static TheoryData<DetectorType, string> Samples => new()
    {
        { DetectorType.Email, "jane.doe@example.com" },
        { DetectorType.Email, "a@b.co" },
        { DetectorType.CreditCard, "4242 4242 4242 4242" },
        { DetectorType.CreditCard, "378282246310005" },
        { DetectorType.UsSsn, "078-05-1120" },
        { DetectorType.Iban, "DE89370400440532013000" },
        { DetectorType.Iban, "NO9386011117947" },
        { DetectorType.Phone, "+4915112345678" },
        { DetectorType.IpAddress, "192.168.10.1" },
        { DetectorType.IpAddress, "1.2.3.4" },
        { DetectorType.IpAddress, "fe80::1" },
        { DetectorType.IpAddress, "::1" },
        { DetectorType.Jwt, "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0." },
        { DetectorType.ApiKey, "AKIAIOSFODNN7EXAMPLE" },
        { DetectorType.ApiKey, "AIzaSyA1234567890abcdefghijklmnopqrstuv" },
        { DetectorType.ApiKey, "ghp_abcdefghijklmnopqrstuvwxyz0123456789" },
        { DetectorType.ApiKey, "sk_live_abcdefghijklmnopqrstuvwx" },
        { DetectorType.ApiKey, "xoxb-123456789" + "0" },
        { DetectorType.ApiKey, "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----" },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void A_finding_is_masked_at_every_offset_and_value_length(DetectorType type, string sample)
    {
        var engine = MaskingSpecs.Redacting(type);
        var marker = $"[REDACTED:{char.ToLowerInvariant(type.ToString()[0])}{type.ToString()[1..]}]";
        foreach (var right in new[] { 0, 1, 17 })
        {
            for (var left = 0; left <= 70; left++)
            {
                var text = new string(' ', left) + sample + new string(' ', right);
                Assert.Equal(new string(' ', left) + marker + new string(' ', right), engine.MaskText(text));
            }
        }
    }

    [Theory]
    [InlineData("2026-11-29 04:12:33.123456+00")]
    [InlineData("a3f1c2d4-5b6e-4f70-8a91-b2c3d4e5f607")]
    [InlineData("{\"tier\":\"gold\",\"since\":2019}")]
    [InlineData("shipped via UPS, tracking 1Z999AA10123456784")]
    [InlineData("1249.50")]
    public void Values_that_only_look_like_findings_pass_through_at_every_length(string sample)
    {
        var engine = MaskingSpecs.Redacting(MaskingSpecs.AllDetectors);
        for (var left = 0; left <= 70; left++)
        {
            var text = new string(' ', left) + sample;
            Assert.Null(engine.MaskBytes(System.Text.Encoding.UTF8.GetBytes(text)));
        }
    }
}

using Hoop.Api.V1Alpha1;

namespace Hoop.Policy.Tests.Masking;

public sealed class ContentDetectionTests
{
    [Theory]
    [InlineData("john.doe@example.com", "[REDACTED:email]")]
    [InlineData("contact: o'brien+tag@mail.example.co.uk, thanks", "contact: [REDACTED:email], thanks")]
    [InlineData("<jane@example.org>.", "<[REDACTED:email]>.")]
    [InlineData("'quoted@example.com'", "'[REDACTED:email]'")]
    [InlineData("no at sign here", "no at sign here")]
    [InlineData("user@localhost", "user@localhost")]
    [InlineData("@example.com", "@example.com")]
    [InlineData("a@b.c", "a@b.c")]
    [InlineData("price @ 5.00", "price @ 5.00")]
    public void Email_addresses_are_found_inside_text(string input, string expected)
    {
        Assert.Equal(expected, MaskingSpecs.Redacting(DetectorType.Email).MaskText(input));
    }

    [Theory]
    [InlineData("4242424242424242")]
    [InlineData("4242 4242 4242 4242")]
    [InlineData("4242-4242-4242-4242")]
    [InlineData("5555555555554444")]
    [InlineData("378282246310005")]
    [InlineData("6011111111111117")]
    [InlineData("3566002020360505")]
    [InlineData("2223003122003222")]
    public void Valid_card_numbers_are_masked(string card)
    {
        var masked = MaskingSpecs.Redacting(DetectorType.CreditCard).MaskText($"paid with {card} today");
        Assert.Equal("paid with [REDACTED:creditCard] today", masked);
    }

    [Theory]
    [InlineData("4242424242424241")] // Luhn fails
    [InlineData("4242 4242 4242 4241")] // Luhn fails
    [InlineData("1234567812345670")] // Luhn passes, no issuer starts with 1
    [InlineData("42424242424242424242")] // 20 digits
    [InlineData("4242  4242 4242 4242")] // double space splits it into short numbers
    [InlineData("0.4242424242424242")] // the fraction of a decimal number
    [InlineData("4242424242424242.5")] // the integer part of a decimal number
    [InlineData("2024-01-15 10:23:45.123456+00")]
    public void Invalid_card_numbers_are_left_alone(string text)
    {
        Assert.Equal(text, MaskingSpecs.Redacting(DetectorType.CreditCard).MaskText(text));
    }

    [Fact]
    public void A_card_number_after_another_number_in_the_same_run_is_still_found()
    {
        var masked = MaskingSpecs.Redacting(DetectorType.CreditCard).MaskText("ref 7 4242 4242 4242 4242");
        Assert.Equal("ref 7 [REDACTED:creditCard]", masked);
    }

    [Theory]
    [InlineData("DE89370400440532013000")]
    [InlineData("DE89 3704 0044 0532 0130 00")]
    [InlineData("GB82WEST12345698765432")]
    [InlineData("GB82 WEST 1234 5698 7654 32")]
    [InlineData("NO9386011117947")]
    [InlineData("FR1420041010050500013M02606")]
    public void Valid_ibans_are_masked(string iban)
    {
        Assert.Equal("IBAN: [REDACTED:iban].", MaskingSpecs.Redacting(DetectorType.Iban).MaskText($"IBAN: {iban}."));
    }

    [Theory]
    [InlineData("DE89370400440532013001")] // mod 97 fails
    [InlineData("DE8937040044053201300")] // one character short for Germany
    [InlineData("DE893704004405320130001")] // one character too many
    [InlineData("ZZ89370400440532013000")] // no such country
    [InlineData("de89370400440532013000")] // lower case
    [InlineData("XDE89370400440532013000")] // glued to a word
    public void Invalid_ibans_are_left_alone(string text)
    {
        Assert.Equal(text, MaskingSpecs.Redacting(DetectorType.Iban).MaskText(text));
    }

    [Theory]
    [InlineData("ssn 123-45-6789", "ssn [REDACTED:usSsn]")]
    [InlineData("123-45-6789,078-05-1120", "[REDACTED:usSsn],[REDACTED:usSsn]")]
    [InlineData("000-12-3456", "000-12-3456")]
    [InlineData("666-12-3456", "666-12-3456")]
    [InlineData("912-12-3456", "912-12-3456")]
    [InlineData("123-00-4567", "123-00-4567")]
    [InlineData("123-45-0000", "123-45-0000")]
    [InlineData("1123-45-6789", "1123-45-6789")]
    [InlineData("123-45-67890", "123-45-67890")]
    [InlineData("1-123-45-6789", "1-123-45-6789")]
    [InlineData("123456789", "123456789")]
    public void Ssns_are_masked_only_when_they_could_have_been_issued(string input, string expected)
    {
        Assert.Equal(expected, MaskingSpecs.Redacting(DetectorType.UsSsn).MaskText(input));
    }

    [Theory]
    [InlineData("call +14155550123 now", "call [REDACTED:phone] now")]
    [InlineData("+442071838750", "[REDACTED:phone]")]
    [InlineData("+0123456789", "+0123456789")]
    [InlineData("+1234567", "+1234567")]
    [InlineData("+1234567890123456", "+1234567890123456")]
    [InlineData("1e+123456789", "1e+123456789")]
    [InlineData("2024-01-15T10:00:00+01:00", "2024-01-15T10:00:00+01:00")]
    public void Phones_are_masked_in_e164_form_only(string input, string expected)
    {
        Assert.Equal(expected, MaskingSpecs.Redacting(DetectorType.Phone).MaskText(input));
    }

    [Theory]
    [InlineData("from 192.168.1.10:5432", "from [REDACTED:ipAddress]:5432")]
    [InlineData("10.0.0.1/8", "[REDACTED:ipAddress]/8")]
    [InlineData("255.255.255.255", "[REDACTED:ipAddress]")]
    [InlineData("256.1.1.1", "256.1.1.1")]
    [InlineData("1.2.3.4.5", "1.2.3.4.5")]
    [InlineData("version 10.0.19041.1", "version 10.0.19041.1")]
    [InlineData("v1.2.3.4", "v1.2.3.4")]
    [InlineData("1.2.3", "1.2.3")]
    [InlineData("host 2001:db8::1 up", "host [REDACTED:ipAddress] up")]
    [InlineData("2001:0db8:85a3:0000:0000:8a2e:0370:7334", "[REDACTED:ipAddress]")]
    [InlineData("fe80::1ff:fe23:4567:890a.", "[REDACTED:ipAddress].")]
    [InlineData("::ffff:192.0.2.128", "[REDACTED:ipAddress]")]
    [InlineData("at 10:23:45", "at 10:23:45")]
    [InlineData("std::vector", "std::vector")]
    [InlineData("00:1a:2b:3c:4d:5e", "00:1a:2b:3c:4d:5e")]
    public void Ip_addresses_are_masked_but_not_versions_times_or_code(string input, string expected)
    {
        Assert.Equal(expected, MaskingSpecs.Redacting(DetectorType.IpAddress).MaskText(input));
    }
}

using System.Buffers;
using System.Text;
using Hoop.Api.V1Alpha1;
using Hoop.Policy.Masking;

namespace Hoop.Policy.Tests.Masking;

public sealed class MaskingEngineTests
{
    private static readonly MaskingEngine Everything = MaskingSpecs.Redacting(MaskingSpecs.AllDetectors);

    [Fact]
    public void A_value_nothing_fires_on_is_left_alone_without_allocating()
    {
        var plan = Everything.CreatePlan([new("t", "a"), new("t", "b"), new("t", "c"), new("t", "d"), new("t", "e")]);
        byte[][] values =
        [
            "12345"u8.ToArray(), "Alice Smith"u8.ToArray(), "2024-01-15 10:23:45.123456+00"u8.ToArray(),
            "3.14159265358979"u8.ToArray(), "550e8400-e29b-41d4-a716-446655440000"u8.ToArray(),
        ];
        var output = new ArrayBufferWriter<byte>(256);
        for (var i = 0; i < values.Length; i++)
        {
            Assert.False(plan.TryMask(i, values[i], output));
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var round = 0; round < 100; round++)
        {
            for (var i = 0; i < values.Length; i++)
            {
                plan.TryMask(i, values[i], output);
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(0, output.WrittenCount);
    }

    [Fact]
    public void A_changed_value_is_written_and_reported()
    {
        var output = new ArrayBufferWriter<byte>();
        Assert.True(Everything.TryMask("mail bob@example.com"u8, output));
        Assert.Equal("mail [REDACTED:email]", Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void MaskText_returns_the_same_instance_when_nothing_is_found()
    {
        var text = "nothing to see, order 42 shipped";
        Assert.Same(text, Everything.MaskText(text));
    }

    [Theory]
    [InlineData("4111111111111111@example.com", "[REDACTED]")]
    [InlineData("::ffff:192.0.2.128", "[REDACTED:ipAddress]")]
    public void Overlapping_detections_are_masked_as_their_union_and_never_in_part(string input, string expected)
    {
        var engine = MaskingSpecs.Detecting(MaskingStrategy.Partial, MaskingSpecs.AllDetectors);
        var masked = engine.MaskText(input);
        Assert.Equal(expected, masked);
        Assert.DoesNotContain("1111", masked, StringComparison.Ordinal);
        Assert.DoesNotContain("128", masked, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlaps_take_the_strongest_strategy()
    {
        var spec = new Api.V1Alpha1.Masking
        {
            Detectors =
            [
                new ContentDetector { Type = DetectorType.Email, Strategy = MaskingStrategy.Partial },
                new ContentDetector { Type = DetectorType.CreditCard, Strategy = MaskingStrategy.Hash },
            ],
        };
        var masked = MaskingEngine.Create(spec, MaskingSpecs.Salt).MaskText("4111111111111111@example.com");
        Assert.Matches("^hash:[0-9a-f]{32}$", masked);
    }

    [Theory]
    [InlineData("Grüße, 田中 <tanaka@example.jp> さん", "Grüße, 田中 <[REDACTED:email]> さん")]
    [InlineData("カード番号: 4242 4242 4242 4242 です", "カード番号: [REDACTED:creditCard] です")]
    [InlineData("Straße 12 · +491701234567 · München", "Straße 12 · [REDACTED:phone] · München")]
    [InlineData("連絡先john@example.comまで", "[REDACTED:email]まで")]
    [InlineData("josé@example.es", "[REDACTED:email]")]
    public void Multi_byte_text_around_a_finding_is_kept_intact(string input, string expected)
    {
        Assert.Equal(expected, Everything.MaskText(input));
    }

    [Fact]
    public void Invalid_utf8_passes_through_and_is_kept_around_findings()
    {
        byte[] garbage = [0xFF, 0xFE, 0xC3, (byte)' ', 0x80];
        Assert.Null(Everything.MaskBytes(garbage));

        byte[] mixed = [0xFF, 0xFE, (byte)' ', .. "bob@example.com"u8, (byte)' ', 0xC3];
        byte[] expected = [0xFF, 0xFE, (byte)' ', .. "[REDACTED:email]"u8, (byte)' ', 0xC3];
        Assert.Equal(expected, Everything.MaskBytes(mixed));
    }

    [Fact]
    public void Masked_output_never_contains_the_secrets()
    {
        string[] secrets = ["john.doe", "4242424242424242", "123-45-6789", "DE89370400440532013000", "4155550123", "AKIAIOSFODNN7EXAMPLE"];
        var text = "john.doe@example.com paid 4242424242424242, ssn 123-45-6789, iban DE89370400440532013000, "
            + "tel +14155550123, key AKIAIOSFODNN7EXAMPLE";
        foreach (var strategy in new[] { MaskingStrategy.Redact, MaskingStrategy.Partial, MaskingStrategy.Hash })
        {
            var masked = MaskingSpecs.Detecting(strategy, MaskingSpecs.AllDetectors).MaskText(text);
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, masked, StringComparison.Ordinal);
            }

            Assert.DoesNotContain("42424242", masked, StringComparison.Ordinal);
            Assert.DoesNotContain("37040044", masked, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_megabyte_value_is_masked_in_full()
    {
        var sb = new StringBuilder();
        var random = new Random(7);
        while (sb.Length < 1 << 20)
        {
            sb.Append(random.Next(1_000_000)).Append(' ').Append("lorem ipsum ");
            if (random.Next(50) == 0)
            {
                sb.Append("x@example.com 4242424242424242 ");
            }
        }

        var masked = Everything.MaskText(sb.ToString());
        Assert.DoesNotContain("x@example.com", masked, StringComparison.Ordinal);
        Assert.DoesNotContain("4242424242424242", masked, StringComparison.Ordinal);
        Assert.Contains("[REDACTED:creditCard]", masked, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("@")]
    [InlineData("1 ")]
    [InlineData("eyJ.")]
    [InlineData("-----BEGIN ")]
    [InlineData("AKIA")]
    [InlineData("::")]
    [InlineData("1.1.")]
    [InlineData("DE89 ")]
    public void Pathological_megabyte_values_finish_quickly(string unit)
    {
        var value = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(unit, (1 << 20) / unit.Length)));
        var started = DateTime.UtcNow;
        Everything.MaskBytes(value);

        // A guard against catastrophic backtracking (minutes, not seconds), loose enough for a loaded CI machine; speed is bench/'s.
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(30), $"masking repeated '{unit}' took too long");
    }

    [Fact]
    public void Random_bytes_never_throw()
    {
        var random = new Random(42);
        var partial = MaskingSpecs.Detecting(MaskingStrategy.Partial, MaskingSpecs.AllDetectors);
        var plan = MaskingSpecs.Columns(("*", MaskingStrategy.Partial)).CreatePlan([new(null, "c")]);
        const string alphabet = "0123456789 -.:@+_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyzé€\n";
        for (var i = 0; i < 2000; i++)
        {
            var bytes = new byte[random.Next(0, 200)];
            random.NextBytes(bytes);
            var text = new string(Enumerable.Range(0, random.Next(0, 200)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            Everything.MaskBytes(bytes);
            partial.MaskBytes(bytes);
            partial.MaskText(text);
            Everything.MaskText(text);
            plan.TryMask(0, bytes, new ArrayBufferWriter<byte>());
        }

        var huge = new byte[1 << 20];
        random.NextBytes(huge);
        Everything.MaskBytes(huge);
        Assert.NotNull(partial.MaskText("a@example.com"));
    }

    [Fact]
    public void An_engine_is_safe_to_share_between_threads()
    {
        var engine = MaskingSpecs.Detecting(MaskingStrategy.Hash, MaskingSpecs.AllDetectors);
        var expected = engine.MaskText("bob@example.com 4242424242424242");
        var results = new string[64];
        Parallel.For(0, results.Length, i => results[i] = engine.MaskText("bob@example.com 4242424242424242"));
        Assert.All(results, r => Assert.Equal(expected, r));
    }
}

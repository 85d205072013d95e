using CsCheck;
using Hoop.Api.V1Alpha1;
using Hoop.Gateway.Postgres.Masking;
using Hoop.Gateway.Postgres.Protocol;
using Hoop.Policy.Masking;
using static Hoop.Gateway.Tests.Postgres.Masking.ResultSets;

namespace Hoop.Gateway.Tests.Postgres.Masking;

/// <summary>Whatever the values and column shapes, masking yields a well-formed DataRow of the described width.</summary>
public sealed class PgResultSetMaskerPropertyTests
{
    private static readonly MaskingEngine[] Engines =
    [
        Engine([], Enum.GetValues<DetectorType>()),
        Engine(["email", "users.card_*"], Enum.GetValues<DetectorType>()),
        MaskingEngine.Create(
            new Api.V1Alpha1.Masking
            {
                Columns = [new ColumnMaskingRule { Pattern = "n", Strategy = MaskingStrategy.Hash }],
                Detectors = [.. Enum.GetValues<DetectorType>().Select(t => new ContentDetector { Type = t, Strategy = MaskingStrategy.Partial })],
            },
            Salt),
    ];

    private static readonly Gen<string> Sensitive = Gen.OneOf(
        Gen.Const("alice@example.com"), Gen.Const("4111 1111 1111 1111"), Gen.Const("123-45-6789"), Gen.Const("+14155550123"),
        Gen.Const("192.168.1.10"), Gen.Const("DE89370400440532013000"), Gen.Const("AKIAIOSFODNN7EXAMPLE"));

    private static readonly Gen<byte[]?> Value = Gen.Frequency(
        (3, Gen.String.Select(Utf8).Select(b => (byte[]?)b)),
        (3, Gen.Select(Gen.String, Sensitive, Gen.String, (a, b, c) => (byte[]?)Utf8(a + b + c))),
        (2, Gen.Byte.Array[0, 40].Select(b => (byte[]?)b)),
        (1, Gen.Const((byte[]?)null)));

    private static readonly Gen<PgFieldDescription> Field = Gen.Select(
        Gen.OneOf(Gen.Const("email"), Gen.Const("n"), Gen.Const("card_number"), Gen.Const("doc"), Gen.Const("note")),
        Gen.OneOf(Gen.Const(PgTextualTypes.Text), Gen.Const(Int4), Gen.Const(PgTextualTypes.Jsonb), Gen.Const(PgTextualTypes.Varchar), Gen.Const(17)),
        Gen.Short[0, 1],
        Gen.OneOf(Gen.Const(0), Gen.Const(16384)),
        (name, type, format, table) => new PgFieldDescription(name, table, 1, type, -1, -1, format));

    [Fact]
    public void Arbitrary_values_always_mask_into_a_data_row_of_the_described_width()
    {
        Gen.Select(Gen.Int[0, Engines.Length - 1], Gen.Select(Field, Value).Array[1, 8], Gen.Int[0, 400]).Sample((engine, columns, cut) =>
        {
            using var masker = PgResultSetMasker.Create(Engines[engine], Describe([.. columns.Select(c => c.Item1)]), oid => oid == 16384 ? "users" : null);
            var row = BinaryRow([.. columns.Select(c => c.Item2)]);
            var body = row[PgMessage.HeaderLength..];

            var masked = ReadRow(WireBytes.Of(w => masker.WriteMasked(WireBytes.Split(body, cut % (body.Length + 1)), w)));

            Assert.Equal(columns.Length, masked.Length);
            for (var i = 0; i < columns.Length; i++)
            {
                var (field, value) = columns[i];
                if (value is null)
                {
                    Assert.Null(masked[i]);
                }
                else if (field.Format == 0)
                {
                    Assert.NotNull(masked[i]);
                }
                else if (field.TypeOid is Int4 or 17 && masked[i] is not null)
                {
                    // A binary value no detector can read is either sent as it is or, under a rule, withheld.
                    Assert.Equal(value, masked[i]);
                }
            }
        }, iter: 5_000);
    }
}

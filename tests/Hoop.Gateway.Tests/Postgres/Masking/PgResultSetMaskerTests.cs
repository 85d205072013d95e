using System.Buffers.Binary;
using Hoop.Api.V1Alpha1;
using Hoop.Gateway.Postgres.Masking;
using Hoop.Gateway.Postgres.Protocol;
using static Hoop.Gateway.Tests.Postgres.Masking.ResultSets;

namespace Hoop.Gateway.Tests.Postgres.Masking;

public sealed class PgResultSetMaskerTests
{
    private static readonly DetectorType[] EmailAndCard = [DetectorType.Email, DetectorType.CreditCard];

    [Fact]
    public void Rows_pass_through_untouched_when_no_rule_or_detector_applies()
    {
        using var masker = Masker(Engine(["ssn"]), Text("email"), Text("card"));
        var row = DataRow("alice@example.com", "4111 1111 1111 1111");

        Assert.True(masker.PassesThrough);
        Assert.Equal(row, WriteMasked(masker, row));
        Assert.Equal(0, masker.RowsMasked);
    }

    [Fact]
    public void A_column_rule_masks_the_column_it_names_and_leaves_the_others()
    {
        using var masker = Masker(Engine(["email"]), Text("email"), Text("n"));
        var masked = WriteMasked(masker, DataRow("alice@example.com", "42"));

        Assert.False(masker.PassesThrough);
        Assert.Equal(["[REDACTED]", "42"], ReadTextRow(masked));
        Assert.False(Contains(masked, "alice"));
        Assert.Equal((1, 1, 0), (masker.RowsMasked, masker.ValuesMasked, masker.ValuesWithheld));
    }

    [Fact]
    public void A_table_column_glob_applies_to_the_columns_of_the_table_the_lookup_names()
    {
        const int users = 16384, orders = 16390;
        var description = Describe(Text("card_number", users), Text("card_number", orders), Text("card_note", users));
        using var masker = PgResultSetMasker.Create(
            Engine(["users.card_*"]), description, oid => oid switch { users => "public.users", orders => "orders", _ => null });

        var masked = WriteMasked(masker, DataRow("1234", "5678", "gift"));

        Assert.Equal(["[REDACTED]", "5678", "[REDACTED]"], ReadTextRow(masked));
    }

    [Fact]
    public void A_table_column_glob_masks_a_column_whose_table_the_lookup_does_not_know()
    {
        using var masker = PgResultSetMasker.Create(Engine(["users.card_*"]), Describe(Text("card_number", 16384), Text("note")), _ => null);

        Assert.Equal(["[REDACTED]", "kept"], ReadTextRow(WriteMasked(masker, DataRow("1234", "kept"))));
    }

    [Fact]
    public void Detectors_mask_what_they_find_in_columns_no_rule_names()
    {
        using var masker = Masker(Engine([], EmailAndCard), Text("contact"), Text("card"), Text("not_a_card"), Text("plain"));
        var masked = WriteMasked(masker, DataRow("write to alice@example.com", "4111 1111 1111 1111", "4111 1111 1111 1112", "plain"));

        Assert.Equal(["write to [REDACTED:email]", "[REDACTED:creditCard]", "4111 1111 1111 1112", "plain"], ReadTextRow(masked));
        Assert.False(Contains(masked, "alice@example.com"));
        Assert.False(Contains(masked, "4111 1111 1111 1111"));
        Assert.Equal((1, 2), (masker.RowsMasked, masker.ValuesMasked));
    }

    [Fact]
    public void A_row_the_detectors_find_nothing_in_is_written_as_received()
    {
        using var masker = Masker(Engine([], EmailAndCard), Text("a"), Text("b"));
        var row = DataRow("nothing here", null);

        Assert.Equal(row, WriteMasked(masker, row));
        Assert.Equal((0, 0), (masker.RowsMasked, masker.ValuesMasked));
    }

    [Fact]
    public void Null_stays_null_in_a_masked_column()
    {
        using var masker = Masker(Engine(["email"], EmailAndCard), Text("email"), Binary("n", Int4));
        var masked = WriteMasked(masker, DataRow("bob@example.com", null));

        Assert.Equal(["[REDACTED]", null], ReadTextRow(masked));
        Assert.Equal([null, null], ReadTextRow(WriteMasked(masker, DataRow(null, null))));
        Assert.Equal(1, masker.RowsMasked);
    }

    [Fact]
    public void A_binary_int4_no_rule_masks_is_forwarded_byte_for_byte()
    {
        var int4 = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(int4, 0x40404040);
        using var masker = Masker(Engine([], EmailAndCard), Binary("n", Int4), Text("contact"));

        var values = ReadRow(WriteMasked(masker, BinaryRow(int4, Utf8("alice@example.com"))));

        Assert.Equal(int4, values[0]);
        Assert.Equal(Utf8("[REDACTED:email]"), values[1]);
    }

    [Fact]
    public void A_result_of_binary_values_no_detector_can_read_passes_through()
    {
        using var masker = Masker(Engine(["other"], EmailAndCard), Binary("n", Int4), Binary("id", 2950));

        Assert.True(masker.PassesThrough);
    }

    [Fact]
    public void A_binary_value_of_a_column_a_rule_masks_becomes_null()
    {
        var int4 = new byte[] { 0, 0, 0x10, 0x92 };
        using var masker = Masker(Engine(["n"]), Binary("n", Int4), Text("note"));

        var masked = WriteMasked(masker, BinaryRow(int4, Utf8("kept")));

        Assert.Equal([null, "kept"], ReadTextRow(masked));
        Assert.Equal((1, 1, 1), (masker.RowsMasked, masker.ValuesMasked, masker.ValuesWithheld));
    }

    [Theory]
    [InlineData(PgTextualTypes.Text)]
    [InlineData(PgTextualTypes.Varchar)]
    [InlineData(PgTextualTypes.Bpchar)]
    [InlineData(PgTextualTypes.Name)]
    [InlineData(PgTextualTypes.Json)]
    [InlineData(PgTextualTypes.Unknown)]
    public void A_binary_value_whose_form_is_text_is_masked_as_text(int typeOid)
    {
        using var masker = Masker(Engine(["secret"], EmailAndCard), Binary("secret", typeOid), Binary("contact", typeOid));

        var masked = WriteMasked(masker, DataRow("s3cr3t", "\"alice@example.com\""));

        Assert.Equal(["[REDACTED]", "\"[REDACTED:email]\""], ReadTextRow(masked));
    }

    [Fact]
    public void Binary_jsonb_keeps_its_version_byte_and_has_its_text_masked()
    {
        using var masker = Masker(Engine([], EmailAndCard), Binary("doc", PgTextualTypes.Jsonb));

        var values = ReadRow(WriteMasked(masker, BinaryRow("\u0001{\"to\": \"alice@example.com\"}"u8.ToArray())));

        Assert.Equal("\u0001{\"to\": \"[REDACTED:email]\"}"u8.ToArray(), values[0]);
    }

    [Fact]
    public void Binary_jsonb_of_an_unknown_version_or_masked_by_rule_becomes_null()
    {
        using var detecting = Masker(Engine([], EmailAndCard), Binary("doc", PgTextualTypes.Jsonb));
        using var ruled = Masker(Engine(["doc"]), Binary("doc", PgTextualTypes.Jsonb));

        Assert.Equal([null], ReadRow(WriteMasked(detecting, BinaryRow("\u0002{\"to\": \"alice@example.com\"}"u8.ToArray()))));
        Assert.Equal([null], ReadRow(WriteMasked(ruled, BinaryRow("\u0001{}"u8.ToArray()))));
        Assert.Equal(1, detecting.ValuesWithheld);
    }

    [Fact]
    public void A_value_in_a_format_the_gateway_does_not_know_is_withheld_when_masking_applies()
    {
        using var masker = Masker(Engine([], EmailAndCard), Text("contact") with { Format = 2 });

        Assert.Equal([null], ReadRow(WriteMasked(masker, DataRow("alice@example.com"))));
    }

    [Fact]
    public void Values_split_across_buffer_segments_are_masked_whole()
    {
        using var masker = Masker(Engine(["email"], EmailAndCard), Text("email"), Text("card"));
        var row = DataRow("alice@example.com", "card 4111 1111 1111 1111 used");
        for (var cut = 0; cut <= row.Length - PgMessage.HeaderLength; cut++)
        {
            var masked = WireBytes.Of(w => masker.WriteMasked(WireBytes.Split(row[PgMessage.HeaderLength..], cut), w));

            Assert.Equal(["[REDACTED]", "card [REDACTED:creditCard] used"], ReadTextRow(masked));
        }
    }

    [Fact]
    public void The_result_formats_of_the_bind_decide_for_a_description_that_carries_none()
    {
        var int4 = new byte[] { 0, 0, 0x10, 0x92 };
        var statement = Describe(Text("n") with { TypeOid = Int4 }, Text("note") with { TypeOid = Int4 });
        using var allBinary = PgResultSetMasker.Create(Engine(["n"]), statement, _ => null, [1]);
        using var perColumn = PgResultSetMasker.Create(Engine(["n"]), statement, _ => null, [0, 1]);
        using var allText = PgResultSetMasker.Create(Engine(["n"]), statement, _ => null, []);

        Assert.Equal([null, int4], ReadRow(WriteMasked(allBinary, BinaryRow(int4, int4))));
        Assert.Equal(["[REDACTED]", "42"], ReadTextRow(WriteMasked(perColumn, DataRow("4242", "42"))));
        Assert.Equal(["[REDACTED]", "42"], ReadTextRow(WriteMasked(allText, DataRow("4242", "42"))));
        Assert.Throws<PgProtocolException>(() => PgResultSetMasker.Create(Engine(["n"]), statement, _ => null, [0, 1, 1]));
    }

    [Fact]
    public void A_row_with_more_values_than_described_columns_is_a_protocol_violation()
    {
        using var masker = Masker(Engine(["email"]), Text("email"));

        var error = Assert.Throws<PgProtocolException>(() => WriteMasked(masker, DataRow("a", "b")));
        Assert.Equal(PgSqlState.ProtocolViolation, error.SqlState);
    }
}

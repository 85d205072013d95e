using System.Buffers;
using Hoop.Api.V1Alpha1;
using Hoop.Gateway.Postgres.Masking;
using Hoop.Gateway.Postgres.Protocol;
using static Hoop.Gateway.Tests.Postgres.Masking.ResultSets;

namespace Hoop.Gateway.Tests.Postgres.Masking;

public sealed class PgNoticeMaskerTests
{
    private static readonly PgNoticeMasker Masker = new(Engine([], DetectorType.Email, DetectorType.CreditCard));

    [Fact]
    public void A_unique_violation_loses_the_email_its_detail_quotes()
    {
        var error = WireBytes.Of(w => BackendMessageWriter.ErrorResponse(w, "ERROR", "23505",
            "duplicate key value violates unique constraint \"users_email_key\"", "Key (email)=(alice@example.com) already exists."));

        var masked = WireBytes.Of(w => Assert.True(Masker.WriteMasked(Body(error), BackendMessageType.ErrorResponse, w)));

        var notice = PgNotice.Parse(Body(masked));
        Assert.Equal((byte)'E', masked[0]);
        Assert.Equal("Key (email)=([REDACTED:email]) already exists.", notice.Detail);
        Assert.Equal("duplicate key value violates unique constraint \"users_email_key\"", notice.Message);
        Assert.Equal(("ERROR", "23505"), (notice.Severity, notice.SqlState));
        Assert.False(Contains(masked, "alice@example.com"));
    }

    [Fact]
    public void Every_field_is_kept_in_order_and_only_free_text_is_masked()
    {
        const string card = "4111 1111 1111 1111";
        (char Code, string Text)[] fields =
        [
            ('S', "NOTICE"), ('V', "NOTICE"), ('C', "00000"), ('M', $"card {card} seen"), ('D', "from bob@example.com"),
            ('H', $"hint {card}"), ('W', $"PL/pgSQL function f() line 3 at RAISE {card}"), ('q', "select 'eve@example.com'"),
            ('t', "users"), ('c', "email"), ('F', "carol@example.com"), ('L', "42"), ('R', "dave@example.com"), ('Z', "future field erin@example.com"),
        ];
        var notice = Notice(BackendMessageType.NoticeResponse, fields);

        var masked = WireBytes.Of(w => Masker.WriteMasked(Body(notice), BackendMessageType.NoticeResponse, w));

        (char, string)[] expected =
        [
            ('S', "NOTICE"), ('V', "NOTICE"), ('C', "00000"), ('M', "card [REDACTED:creditCard] seen"), ('D', "from [REDACTED:email]"),
            ('H', "hint [REDACTED:creditCard]"), ('W', "PL/pgSQL function f() line 3 at RAISE [REDACTED:creditCard]"), ('q', "select '[REDACTED:email]'"),
            ('t', "users"), ('c', "email"), ('F', "carol@example.com"), ('L', "42"), ('R', "dave@example.com"), ('Z', "future field [REDACTED:email]"),
        ];
        Assert.Equal((byte)'N', masked[0]);
        Assert.Equal(expected, Fields(masked));
    }

    [Fact]
    public void A_notice_nothing_is_found_in_is_forwarded_byte_for_byte()
    {
        var notice = WireBytes.Of(w => BackendMessageWriter.NoticeResponse(w, "WARNING", "01000", "nothing sensitive", hint: "carry on"));

        var output = WireBytes.Of(w => Assert.False(Masker.WriteMasked(Body(notice), BackendMessageType.NoticeResponse, w)));

        Assert.Equal(notice, output);
    }

    [Fact]
    public void Text_split_across_buffer_segments_is_masked_whole()
    {
        var error = WireBytes.Of(w => BackendMessageWriter.ErrorResponse(w, "ERROR", "23505", "dup", "Key (email)=(alice@example.com) already exists."));
        var body = error[PgMessage.HeaderLength..];
        for (var cut = 0; cut <= body.Length; cut++)
        {
            var masked = WireBytes.Of(w => Masker.WriteMasked(WireBytes.Split(body, cut), BackendMessageType.ErrorResponse, w));

            Assert.Equal("Key (email)=([REDACTED:email]) already exists.", PgNotice.Parse(Body(masked)).Detail);
        }
    }

    [Fact]
    public void A_notice_without_its_terminator_is_a_protocol_violation()
    {
        var notice = Notice(BackendMessageType.ErrorResponse, [('M', "alice@example.com")]);

        Assert.Throws<PgProtocolException>(() =>
            Masker.WriteMasked(new ReadOnlySequence<byte>(notice.AsMemory(PgMessage.HeaderLength, notice.Length - PgMessage.HeaderLength - 1)),
                BackendMessageType.ErrorResponse, new ArrayBufferWriter<byte>()));
    }

    [Fact]
    public void The_masker_passes_notices_through_only_when_no_detector_is_on()
    {
        Assert.True(new PgNoticeMasker(Engine(["email"])).PassesThrough);
        Assert.False(Masker.PassesThrough);
    }

    /// <summary>An ErrorResponse or NoticeResponse with exactly these fields, in this order.</summary>
    private static byte[] Notice(byte type, (char Code, string Text)[] fields)
    {
        var body = new List<byte>();
        foreach (var (code, text) in fields)
        {
            body.Add((byte)code);
            body.AddRange(Utf8(text));
            body.Add(0);
        }

        body.Add(0);
        return WireBytes.Of(w =>
        {
            var frame = PgFrame.Typed(w, type, body.Count);
            frame.WriteBytes(body.ToArray());
            frame.Commit();
        });
    }

    private static (char, string)[] Fields(byte[] message)
    {
        var fields = new List<(char, string)>();
        var reader = new PgBodyReader(Body(message), "notice");
        for (var code = reader.ReadByte(); code != 0; code = reader.ReadByte())
        {
            fields.Add(((char)code, reader.ReadString()));
        }

        reader.ExpectEnd();
        return [.. fields];
    }
}

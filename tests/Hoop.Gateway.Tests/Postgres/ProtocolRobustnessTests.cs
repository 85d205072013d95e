using System.Buffers;
using CsCheck;
using Hoop.Gateway.Postgres.Protocol;

namespace Hoop.Gateway.Tests.Postgres;

/// <summary>Whatever bytes a peer sends, the codec answers with a <see cref="PgProtocolException"/> or a message, and never waits.</summary>
public sealed class ProtocolRobustnessTests
{
    private static readonly Gen<byte> WireByte = Gen.Frequency((3, Gen.Byte), (1, Gen.Const((byte)0)), (1, Gen.Byte[0, 8]), (1, Gen.OneOf(MessageParsers.FrontendTypes.Concat(MessageParsers.BackendTypes).ToArray())));

    [Fact(Timeout = 60_000)]
    public async Task Arbitrary_bytes_only_ever_frame_into_messages_or_a_protocol_error()
    {
        await WireByte.Array[0, 300].SampleAsync(async bytes =>
        {
            var reader = new PgMessageReader(WireBytes.CompletedPipe(bytes), 64);
            try
            {
                while (await reader.ReadAsync(TestContext.Current.CancellationToken) is { } message)
                {
                    ParseQuietly(() => MessageParsers.ParseFrontend(message));
                    ParseQuietly(() => MessageParsers.ParseBackend(message));
                }
            }
            catch (PgProtocolException)
            {
            }
        }, iter: 20_000);
    }

    [Fact(Timeout = 60_000)]
    public async Task Arbitrary_startup_packets_only_ever_parse_or_raise_a_protocol_error()
    {
        var packet = Gen.Select(Gen.Int[0, 40], WireByte.Array[0, 40], Gen.OneOf(StartupPacket.ProtocolVersion3, StartupPacket.CancelRequestCode, StartupPacket.SslRequestCode, 0x20000),
            (length, payload, code) => MessageCorpus.Body(length, code, payload));
        await Gen.OneOf(packet, WireByte.Array[0, 40]).SampleAsync(async bytes =>
        {
            try
            {
                await PgStartupReader.ReadAsync(WireBytes.CompletedPipe(bytes), TestContext.Current.CancellationToken);
            }
            catch (PgProtocolException)
            {
            }
        }, iter: 20_000);
    }

    [Fact]
    public void Every_truncation_and_corruption_of_a_valid_message_parses_or_raises_a_protocol_error()
    {
        var cases = Gen.Select(Gen.Int[0, MessageCorpus.Messages.Length - 1], Gen.Int[0, 200], Gen.Int[0, 200], Gen.Byte, Gen.Bool);
        cases.Sample((index, keep, position, value, corrupt) =>
        {
            var (type, frontend, body) = MessageCorpus.Messages[index];
            var bytes = body[..Math.Min(keep, body.Length)];
            if (corrupt && bytes.Length > 0)
            {
                bytes[position % bytes.Length] = value;
            }

            var message = new PgMessage(type, WireBytes.Split(bytes, position));
            ParseQuietly(() => (frontend ? (Action<PgMessage>)MessageParsers.ParseFrontend : MessageParsers.ParseBackend)(message));
        }, iter: 50_000);
    }

    [Fact]
    public void Every_corpus_message_parses_even_when_split_across_segments()
    {
        foreach (var (type, frontend, body) in MessageCorpus.Messages)
        {
            for (var cut = 0; cut <= body.Length; cut++)
            {
                var message = new PgMessage(type, WireBytes.Split(body, cut));
                if (frontend)
                {
                    MessageParsers.ParseFrontend(message);
                }
                else
                {
                    MessageParsers.ParseBackend(message);
                }
            }
        }
    }

    [Fact]
    public void A_bind_with_a_negative_parameter_length_other_than_null_is_malformed()
    {
        var body = MessageCorpus.Body("", "", (short)0, (short)1, -2, (short)0);
        var error = Assert.Throws<PgProtocolException>(() => BindMessage.Parse(new ReadOnlySequence<byte>(body)));
        Assert.Equal(PgSqlState.ProtocolViolation, error.SqlState);
    }

    private static void ParseQuietly(Action parse)
    {
        try
        {
            parse();
        }
        catch (PgProtocolException)
        {
        }
    }
}

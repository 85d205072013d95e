using System.Buffers;
using System.IO.Pipelines;
using Hoop.Gateway.Postgres.Protocol;

namespace Hoop.Gateway.Tests.Postgres;

public sealed class PgMessageReaderTests
{
    [Fact(Timeout = 10_000)]
    public async Task Messages_arriving_byte_by_byte_are_returned_whole()
    {
        var bytes = WireBytes.Of(w =>
        {
            FrontendMessageWriter.Query(w, "select 1");
            FrontendMessageWriter.Sync(w);
        });
        var pipe = new Pipe();
        var reader = new PgMessageReader(pipe.Reader, 1024);
        var feeding = Task.Run(async () =>
        {
            foreach (var b in bytes)
            {
                await pipe.Writer.WriteAsync(new[] { b }, TestContext.Current.CancellationToken);
            }

            await pipe.Writer.CompleteAsync();
        }, TestContext.Current.CancellationToken);

        var query = await reader.ReadAsync(TestContext.Current.CancellationToken);
        Assert.Equal(FrontendMessageType.Query, query!.Value.Type);
        Assert.Equal("select 1", QueryMessage.Parse(query.Value.Body).Sql);
        var sync = await reader.ReadAsync(TestContext.Current.CancellationToken);
        Assert.Equal(FrontendMessageType.Sync, sync!.Value.Type);
        Assert.Null(await reader.ReadAsync(TestContext.Current.CancellationToken));
        await feeding;
    }

    [Fact(Timeout = 10_000)]
    public async Task An_oversize_message_is_refused_from_its_header_before_the_body_arrives()
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(new byte[] { (byte)'Q', 0, 0, 0x10, 0 }, TestContext.Current.CancellationToken);
        var reader = new PgMessageReader(pipe.Reader, 1024);

        // The writer is not completed and no body byte was sent: only an early refusal can end this read.
        var error = await Assert.ThrowsAsync<PgProtocolException>(async () => await reader.ReadAsync(TestContext.Current.CancellationToken));
        Assert.Equal(PgSqlState.ProgramLimitExceeded, error.SqlState);
    }

    [Theory(Timeout = 10_000)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    [InlineData(0)]
    [InlineData(3)]
    public async Task A_length_below_four_is_a_protocol_violation(int length)
    {
        var header = new byte[5];
        header[0] = (byte)'Q';
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(1), length);
        var reader = new PgMessageReader(WireBytes.CompletedPipe(header), 1024);

        var error = await Assert.ThrowsAsync<PgProtocolException>(async () => await reader.ReadAsync(TestContext.Current.CancellationToken));
        Assert.Equal(PgSqlState.ProtocolViolation, error.SqlState);
    }

    [Fact(Timeout = 10_000)]
    public async Task A_stream_ending_mid_message_is_a_protocol_violation()
    {
        var bytes = WireBytes.Of(w => FrontendMessageWriter.Query(w, "select 42"));
        var reader = new PgMessageReader(WireBytes.CompletedPipe(bytes[..^2]), 1024);

        var error = await Assert.ThrowsAsync<PgProtocolException>(async () => await reader.ReadAsync(TestContext.Current.CancellationToken));
        Assert.Equal(PgSqlState.ProtocolViolation, error.SqlState);
    }

    [Fact(Timeout = 10_000)]
    public async Task A_forwarded_message_is_byte_for_byte_the_original()
    {
        var bytes = WireBytes.Of(w =>
        {
            BackendMessageWriter.DataRow(w, [new PgValue(new ReadOnlySequence<byte>("alice"u8.ToArray())), PgValue.Null]);
            BackendMessageWriter.CommandComplete(w, "SELECT 1");
        });
        var reader = new PgMessageReader(WireBytes.CompletedPipe(bytes), 1024);
        var forwarded = new ArrayBufferWriter<byte>();

        while (await reader.ReadAsync(TestContext.Current.CancellationToken) is { } message)
        {
            message.WriteTo(forwarded);
        }

        Assert.Equal(bytes, forwarded.WrittenSpan.ToArray());
    }
}

using System.Buffers.Binary;
using Hoop.Gateway.Postgres.Protocol;

namespace Hoop.Gateway.Tests.Postgres;

public sealed class PgStartupReaderTests
{
    [Fact(Timeout = 10_000)]
    public async Task A_startup_message_yields_its_parameters()
    {
        var bytes = WireBytes.Of(w => FrontendMessageWriter.StartupMessage(w,
            [new("user", "alice"), new("database", "orders"), new("application_name", "psql")]));

        var packet = await PgStartupReader.ReadAsync(WireBytes.CompletedPipe(bytes), TestContext.Current.CancellationToken);

        Assert.Equal(StartupPacketKind.Startup, packet!.Kind);
        Assert.Equal(StartupPacket.ProtocolVersion3, packet.ProtocolVersion);
        Assert.Equal("alice", packet.User);
        Assert.Equal("orders", packet.Database);
        Assert.Equal("psql", packet.Parameters["application_name"]);
    }

    [Fact(Timeout = 10_000)]
    public async Task The_database_defaults_to_the_user()
    {
        var bytes = WireBytes.Of(w => FrontendMessageWriter.StartupMessage(w, [new("user", "alice")]));
        var packet = await PgStartupReader.ReadAsync(WireBytes.CompletedPipe(bytes), TestContext.Current.CancellationToken);
        Assert.Equal("alice", packet!.Database);
    }

    [Theory(Timeout = 10_000)]
    [InlineData(StartupPacket.SslRequestCode, (int)StartupPacketKind.SslRequest)]
    [InlineData(StartupPacket.GssEncryptionRequestCode, (int)StartupPacketKind.GssEncryptionRequest)]
    public async Task Encryption_requests_are_recognised(int code, int kind)
    {
        var packet = await PgStartupReader.ReadAsync(WireBytes.CompletedPipe(Packet(code)), TestContext.Current.CancellationToken);
        Assert.Equal((StartupPacketKind)kind, packet!.Kind);
    }

    [Fact(Timeout = 10_000)]
    public async Task A_cancel_request_carries_the_backend_key()
    {
        var bytes = WireBytes.Of(w => FrontendMessageWriter.CancelRequest(w, 4242, -17));
        var packet = await PgStartupReader.ReadAsync(WireBytes.CompletedPipe(bytes), TestContext.Current.CancellationToken);

        Assert.Equal(StartupPacketKind.CancelRequest, packet!.Kind);
        Assert.Equal(4242, packet.ProcessId);
        Assert.Equal(-17, packet.SecretKey);
    }

    [Fact(Timeout = 10_000)]
    public async Task A_startup_packet_over_ten_thousand_bytes_is_refused_from_its_length()
    {
        var header = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(header, 10_001);
        var pipe = new System.IO.Pipelines.Pipe();
        await pipe.Writer.WriteAsync(header, TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<PgProtocolException>(async () => await PgStartupReader.ReadAsync(pipe.Reader, TestContext.Current.CancellationToken));
        Assert.Equal(PgSqlState.ProtocolViolation, error.SqlState);
    }

    [Fact(Timeout = 10_000)]
    public async Task An_unknown_protocol_version_is_refused()
    {
        var packet = Packet(2 << 16, "user\0alice\0\0"u8.ToArray());
        var error = await Assert.ThrowsAsync<PgProtocolException>(async () => await PgStartupReader.ReadAsync(WireBytes.CompletedPipe(packet), TestContext.Current.CancellationToken));
        Assert.Equal(PgSqlState.FeatureNotSupported, error.SqlState);
    }

    [Fact(Timeout = 10_000)]
    public async Task A_startup_message_without_a_user_is_refused()
    {
        var packet = Packet(StartupPacket.ProtocolVersion3, "database\0orders\0\0"u8.ToArray());
        var error = await Assert.ThrowsAsync<PgProtocolException>(async () => await PgStartupReader.ReadAsync(WireBytes.CompletedPipe(packet), TestContext.Current.CancellationToken));
        Assert.Equal(PgSqlState.InvalidAuthorizationSpecification, error.SqlState);
    }

    [Theory(Timeout = 10_000)]
    [InlineData(-8)]
    [InlineData(4)]
    [InlineData(7)]
    public async Task A_startup_length_below_eight_is_a_protocol_violation(int length)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt32BigEndian(bytes, length);
        var error = await Assert.ThrowsAsync<PgProtocolException>(async () => await PgStartupReader.ReadAsync(WireBytes.CompletedPipe(bytes), TestContext.Current.CancellationToken));
        Assert.Equal(PgSqlState.ProtocolViolation, error.SqlState);
    }

    private static byte[] Packet(int code, byte[]? payload = null)
    {
        payload ??= [];
        var bytes = new byte[8 + payload.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, bytes.Length);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), code);
        payload.CopyTo(bytes, 8);
        return bytes;
    }
}

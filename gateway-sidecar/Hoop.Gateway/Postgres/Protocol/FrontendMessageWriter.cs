using System.Buffers;

namespace Hoop.Gateway.Postgres.Protocol;

/// <summary>Writes the client-side messages the gateway sends to the real server (login, simple queries, cancel).</summary>
internal static class FrontendMessageWriter
{
    public static void StartupMessage(IBufferWriter<byte> writer, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var length = 4 + 1;
        foreach (var (name, value) in parameters)
        {
            length += PgFrame.StringLength(name) + PgFrame.StringLength(value);
        }

        if (length > PgStartupReader.MaxPacketLength)
        {
            throw new PgProtocolException(PgSqlState.ProgramLimitExceeded,
                $"The startup parameters take {length} bytes, more than PostgreSQL's limit of {PgStartupReader.MaxPacketLength}; forward fewer or shorter options.");
        }

        var frame = PgFrame.Untyped(writer, length);
        frame.WriteInt32(StartupPacket.ProtocolVersion3);
        foreach (var (name, value) in parameters)
        {
            frame.WriteString(name);
            frame.WriteString(value);
        }

        frame.WriteByte(0);
        frame.Commit();
    }

    public static void SslRequest(IBufferWriter<byte> writer) => Code(writer, StartupPacket.SslRequestCode);

    public static void CancelRequest(IBufferWriter<byte> writer, int processId, int secretKey)
    {
        var frame = PgFrame.Untyped(writer, 12);
        frame.WriteInt32(StartupPacket.CancelRequestCode);
        frame.WriteInt32(processId);
        frame.WriteInt32(secretKey);
        frame.Commit();
    }

    public static void PasswordMessage(IBufferWriter<byte> writer, string password) =>
        StringMessage(writer, FrontendMessageType.Password, password);

    public static void SaslInitialResponse(IBufferWriter<byte> writer, string mechanism, ReadOnlySpan<byte> response)
    {
        var frame = PgFrame.Typed(writer, FrontendMessageType.Password, PgFrame.StringLength(mechanism) + 4 + response.Length);
        frame.WriteString(mechanism);
        frame.WriteInt32(response.Length);
        frame.WriteBytes(response);
        frame.Commit();
    }

    public static void SaslResponse(IBufferWriter<byte> writer, ReadOnlySpan<byte> response)
    {
        var frame = PgFrame.Typed(writer, FrontendMessageType.Password, response.Length);
        frame.WriteBytes(response);
        frame.Commit();
    }

    public static void Query(IBufferWriter<byte> writer, string sql) => StringMessage(writer, FrontendMessageType.Query, sql);

    public static void Sync(IBufferWriter<byte> writer) => PgFrame.Typed(writer, FrontendMessageType.Sync, 0).Commit();

    public static void Terminate(IBufferWriter<byte> writer) => PgFrame.Typed(writer, FrontendMessageType.Terminate, 0).Commit();

    private static void Code(IBufferWriter<byte> writer, int code)
    {
        var frame = PgFrame.Untyped(writer, 4);
        frame.WriteInt32(code);
        frame.Commit();
    }

    private static void StringMessage(IBufferWriter<byte> writer, byte type, string value)
    {
        var frame = PgFrame.Typed(writer, type, PgFrame.StringLength(value));
        frame.WriteString(value);
        frame.Commit();
    }
}

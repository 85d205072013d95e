using System.Buffers;

namespace Hoop.Gateway.Postgres.Protocol;

/// <summary>Writes the server-side messages the gateway originates or re-emits (errors, login replies, masked rows).</summary>
internal static class BackendMessageWriter
{
    public static void ErrorResponse(IBufferWriter<byte> writer, string severity, string sqlState, string message, string? detail = null, string? hint = null) =>
        Notice(writer, BackendMessageType.ErrorResponse, severity, sqlState, message, detail, hint);

    public static void NoticeResponse(IBufferWriter<byte> writer, string severity, string sqlState, string message, string? detail = null, string? hint = null) =>
        Notice(writer, BackendMessageType.NoticeResponse, severity, sqlState, message, detail, hint);

    public static void ReadyForQuery(IBufferWriter<byte> writer, TransactionStatus status)
    {
        var frame = PgFrame.Typed(writer, BackendMessageType.ReadyForQuery, 1);
        frame.WriteByte((byte)status);
        frame.Commit();
    }

    public static void AuthenticationOk(IBufferWriter<byte> writer) => Authentication(writer, AuthenticationRequest.Ok, []);

    public static void AuthenticationCleartextPassword(IBufferWriter<byte> writer) =>
        Authentication(writer, AuthenticationRequest.CleartextPassword, []);

    /// <summary>Any Authentication request; <paramref name="payload"/> follows the code (MD5 salt, SASL data).</summary>
    public static void Authentication(IBufferWriter<byte> writer, AuthenticationRequest request, ReadOnlySpan<byte> payload)
    {
        var frame = PgFrame.Typed(writer, BackendMessageType.Authentication, 4 + payload.Length);
        frame.WriteInt32((int)request);
        frame.WriteBytes(payload);
        frame.Commit();
    }

    public static void ParameterStatus(IBufferWriter<byte> writer, string name, string value)
    {
        var frame = PgFrame.Typed(writer, BackendMessageType.ParameterStatus, PgFrame.StringLength(name) + PgFrame.StringLength(value));
        frame.WriteString(name);
        frame.WriteString(value);
        frame.Commit();
    }

    public static void BackendKeyData(IBufferWriter<byte> writer, int processId, int secretKey)
    {
        var frame = PgFrame.Typed(writer, BackendMessageType.BackendKeyData, 8);
        frame.WriteInt32(processId);
        frame.WriteInt32(secretKey);
        frame.Commit();
    }

    public static void RowDescription(IBufferWriter<byte> writer, ReadOnlySpan<PgFieldDescription> fields)
    {
        var length = 2;
        foreach (var field in fields)
        {
            length += PgFrame.StringLength(field.Name) + 18;
        }

        var frame = PgFrame.Typed(writer, BackendMessageType.RowDescription, length);
        frame.WriteInt16(checked((short)fields.Length));
        foreach (var field in fields)
        {
            frame.WriteString(field.Name);
            frame.WriteInt32(field.TableOid);
            frame.WriteInt16(field.ColumnAttribute);
            frame.WriteInt32(field.TypeOid);
            frame.WriteInt16(field.TypeSize);
            frame.WriteInt32(field.TypeModifier);
            frame.WriteInt16(field.Format);
        }

        frame.Commit();
    }

    public static void DataRow(IBufferWriter<byte> writer, ReadOnlySpan<PgValue> columns)
    {
        var length = 2L;
        foreach (var column in columns)
        {
            length += 4 + (column.IsNull ? 0 : column.Bytes.Length);
        }

        var frame = PgFrame.Typed(writer, BackendMessageType.DataRow, checked((int)length));
        frame.WriteInt16(checked((short)columns.Length));
        foreach (var column in columns)
        {
            frame.WriteValue(column);
        }

        frame.Commit();
    }

    public static void CommandComplete(IBufferWriter<byte> writer, string tag)
    {
        var frame = PgFrame.Typed(writer, BackendMessageType.CommandComplete, PgFrame.StringLength(tag));
        frame.WriteString(tag);
        frame.Commit();
    }

    public static void EmptyQueryResponse(IBufferWriter<byte> writer) =>
        PgFrame.Typed(writer, BackendMessageType.EmptyQueryResponse, 0).Commit();

    private static void Notice(IBufferWriter<byte> writer, byte type, string severity, string sqlState, string message, string? detail, string? hint)
    {
        var length = 1 + (2 * (1 + PgFrame.StringLength(severity))) + 1 + PgFrame.StringLength(sqlState) + 1 + PgFrame.StringLength(message)
            + (detail is null ? 0 : 1 + PgFrame.StringLength(detail)) + (hint is null ? 0 : 1 + PgFrame.StringLength(hint));
        var frame = PgFrame.Typed(writer, type, length);
        WriteField(ref frame, PgNoticeField.Severity, severity);
        WriteField(ref frame, PgNoticeField.SeverityNonLocalized, severity);
        WriteField(ref frame, PgNoticeField.SqlState, sqlState);
        WriteField(ref frame, PgNoticeField.Message, message);
        if (detail is not null)
        {
            WriteField(ref frame, PgNoticeField.Detail, detail);
        }

        if (hint is not null)
        {
            WriteField(ref frame, PgNoticeField.Hint, hint);
        }

        frame.WriteByte(0);
        frame.Commit();
    }

    private static void WriteField(ref PgFrame frame, byte code, string value)
    {
        frame.WriteByte(code);
        frame.WriteString(value);
    }
}

using System.Buffers;
using System.Text;
using CsCheck;
using Hoop.Gateway.Postgres.Protocol;

namespace Hoop.Gateway.Tests.Postgres;

/// <summary>What the writers emit, the reader frames and the parsers read back unchanged.</summary>
public sealed class MessageRoundTripTests
{
    private static readonly Gen<string> Text = Gen.OneOf(Gen.Char[' ', '~'], Gen.Char['\u00a0', '\ud7ff']).Array[0, 40].Select(chars => new string(chars));

    private static readonly Gen<byte[]?> ColumnValue = Gen.Frequency((4, Gen.Byte.Array[0, 30].Select(bytes => (byte[]?)bytes)), (1, Gen.Const((byte[]?)null)));

    [Fact]
    public void Errors_and_notices_round_trip()
    {
        Gen.Select(Text, Text, Gen.Bool, Text.Null(), Text.Null()).Sample((severity, message, error, detail, hint) =>
        {
            var notice = Single(w =>
            {
                if (error)
                {
                    BackendMessageWriter.ErrorResponse(w, severity, "42501", message, detail, hint);
                }
                else
                {
                    BackendMessageWriter.NoticeResponse(w, severity, "01000", message, detail, hint);
                }
            }, error ? BackendMessageType.ErrorResponse : BackendMessageType.NoticeResponse, PgNotice.Parse);

            Assert.Equal(severity, notice.Severity);
            Assert.Equal(severity, notice.Field(PgNoticeField.Severity));
            Assert.Equal(error ? "42501" : "01000", notice.SqlState);
            Assert.Equal(message, notice.Message);
            Assert.Equal(detail, notice.Detail);
            Assert.Equal(hint, notice.Hint);
        });
    }

    [Fact]
    public void Rows_round_trip_with_nulls_and_empty_values()
    {
        ColumnValue.Array[0, 12].Sample(columns =>
        {
            var values = columns.Select(c => c is null ? PgValue.Null : new PgValue(new ReadOnlySequence<byte>(c))).ToArray();
            var row = Single(w => BackendMessageWriter.DataRow(w, values), BackendMessageType.DataRow, DataRowMessage.Parse);

            Assert.Equal(columns.Length, row.Columns.Count);
            var i = 0;
            foreach (var value in row.Columns)
            {
                Assert.Equal(columns[i] is null, value.IsNull);
                Assert.Equal(columns[i] ?? [], value.Bytes.ToArray());
                i++;
            }

            Assert.Equal(columns.Length, i);
        });
    }

    [Fact]
    public void Row_descriptions_round_trip()
    {
        var field = Gen.Select(Text, Gen.Int, Gen.Short, Gen.Int, Gen.Short, Gen.Int, Gen.Short[0, 1],
            (name, table, attribute, type, size, modifier, format) => new PgFieldDescription(name, table, attribute, type, size, modifier, format));
        field.Array[0, 8].Sample(fields =>
        {
            var description = Single(w => BackendMessageWriter.RowDescription(w, fields), BackendMessageType.RowDescription, RowDescriptionMessage.Parse);
            Assert.Equal(fields, description.Fields);
        });
    }

    [Fact]
    public void Login_replies_round_trip()
    {
        Gen.Select(Text, Text, Gen.Int, Gen.Int).Sample((name, value, processId, secretKey) =>
        {
            Assert.Equal(new ParameterStatusMessage(name, value),
                Single(w => BackendMessageWriter.ParameterStatus(w, name, value), BackendMessageType.ParameterStatus, ParameterStatusMessage.Parse));
            Assert.Equal(new BackendKeyDataMessage(processId, secretKey),
                Single(w => BackendMessageWriter.BackendKeyData(w, processId, secretKey), BackendMessageType.BackendKeyData, BackendKeyDataMessage.Parse));
            Assert.Equal(new CommandCompleteMessage(name),
                Single(w => BackendMessageWriter.CommandComplete(w, name), BackendMessageType.CommandComplete, CommandCompleteMessage.Parse));
        });

        Assert.Equal(AuthenticationRequest.Ok,
            Single(BackendMessageWriter.AuthenticationOk, BackendMessageType.Authentication, AuthenticationMessage.Parse).Request);
        Assert.Equal(AuthenticationRequest.CleartextPassword,
            Single(BackendMessageWriter.AuthenticationCleartextPassword, BackendMessageType.Authentication, AuthenticationMessage.Parse).Request);
        Assert.Equal(TransactionStatus.Failed,
            Single(w => BackendMessageWriter.ReadyForQuery(w, TransactionStatus.Failed), BackendMessageType.ReadyForQuery, ReadyForQueryMessage.Parse).Status);
        Assert.True(Single(BackendMessageWriter.EmptyQueryResponse, BackendMessageType.EmptyQueryResponse, body => body.IsEmpty));
    }

    [Fact]
    public void Frontend_messages_round_trip()
    {
        Gen.Select(Text, Gen.Byte.Array[0, 40]).Sample((text, data) =>
        {
            Assert.Equal(text, Single(w => FrontendMessageWriter.Query(w, text), FrontendMessageType.Query, QueryMessage.Parse).Sql);
            Assert.Equal(text, Single(w => FrontendMessageWriter.PasswordMessage(w, text), FrontendMessageType.Password, PasswordMessage.Parse).Password);

            var initial = Single(w => FrontendMessageWriter.SaslInitialResponse(w, text, data), FrontendMessageType.Password, SaslInitialResponseMessage.Parse);
            Assert.Equal(text, initial.Mechanism);
            Assert.Equal(data, initial.Response.Bytes.ToArray());
            Assert.Equal(data, Single(w => FrontendMessageWriter.SaslResponse(w, data), FrontendMessageType.Password, body => body.ToArray()));
        });

        Assert.True(Single(FrontendMessageWriter.Sync, FrontendMessageType.Sync, body => body.IsEmpty));
        Assert.True(Single(FrontendMessageWriter.Terminate, FrontendMessageType.Terminate, body => body.IsEmpty));
    }

    [Fact]
    public void Utf8_strings_keep_every_character()
    {
        var sql = "select 'żółć 日本 🐘'";
        Assert.Equal(sql, Single(w => FrontendMessageWriter.Query(w, sql), FrontendMessageType.Query, QueryMessage.Parse).Sql);
        Assert.Equal(Encoding.UTF8.GetByteCount(sql) + 1 + 5, WireBytes.Of(w => FrontendMessageWriter.Query(w, sql)).Length);
    }

    /// <summary>Writes one message, frames it with the reader, checks its type and parses its body.</summary>
    private static T Single<T>(Action<IBufferWriter<byte>> write, byte type, Func<ReadOnlySequence<byte>, T> parse)
    {
        var bytes = WireBytes.Of(write);
        var reader = new PgMessageReader(WireBytes.CompletedPipe(bytes), 1 << 20);
        Assert.True(reader.TryRead(out var message));
        Assert.Equal(type, message.Type);
        Assert.Equal(bytes.Length, message.WireLength);
        return parse(message.Body);
    }
}

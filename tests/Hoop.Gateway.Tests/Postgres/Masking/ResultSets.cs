using System.Buffers;
using System.Text;
using Hoop.Api.V1Alpha1;
using Hoop.Gateway.Postgres.Masking;
using Hoop.Gateway.Postgres.Protocol;
using Hoop.Policy.Masking;

namespace Hoop.Gateway.Tests.Postgres.Masking;

/// <summary>Masking engines, row descriptions and rows built as the server would send them, and the masked rows read back.</summary>
internal static class ResultSets
{
    public const int Int4 = 23;

    public static readonly byte[] Salt = Encoding.UTF8.GetBytes("connection-salt-0123456789abcdef");

    public static MaskingEngine Engine(string[] columnRules, params DetectorType[] detectors) =>
        MaskingEngine.Create(
            new Api.V1Alpha1.Masking
            {
                Columns = [.. columnRules.Select(p => new ColumnMaskingRule { Pattern = p, Strategy = MaskingStrategy.Redact })],
                Detectors = [.. detectors.Select(t => new ContentDetector { Type = t, Strategy = MaskingStrategy.Redact })],
            },
            Salt);

    public static PgFieldDescription Text(string name, int tableOid = 0) => new(name, tableOid, 1, PgTextualTypes.Text, -1, -1, 0);

    public static PgFieldDescription Binary(string name, int typeOid, int tableOid = 0) => new(name, tableOid, 1, typeOid, -1, -1, 1);

    /// <summary>The description as it comes off the wire: written, then parsed.</summary>
    public static RowDescriptionMessage Describe(params PgFieldDescription[] fields) =>
        RowDescriptionMessage.Parse(Body(WireBytes.Of(w => BackendMessageWriter.RowDescription(w, fields))));

    public static PgResultSetMasker Masker(MaskingEngine engine, params PgFieldDescription[] fields) =>
        PgResultSetMasker.Create(engine, Describe(fields), _ => null);

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>A whole DataRow message holding <paramref name="values"/> (null for SQL NULL).</summary>
    public static byte[] BinaryRow(params byte[]?[] values)
    {
        var columns = values.Select(v => v is null ? PgValue.Null : new PgValue(new ReadOnlySequence<byte>(v))).ToArray();
        return WireBytes.Of(w => BackendMessageWriter.DataRow(w, columns));
    }

    public static byte[] DataRow(params string?[] values) => BinaryRow([.. values.Select(v => v is null ? null : Utf8(v))]);

    /// <summary>The message's body, after its type byte and length word.</summary>
    public static ReadOnlySequence<byte> Body(byte[] message) => new(message.AsMemory(PgMessage.HeaderLength));

    public static byte[] WriteMasked(PgResultSetMasker masker, byte[] dataRow) =>
        WireBytes.Of(w => masker.WriteMasked(Body(dataRow), w));

    /// <summary>Checks the frame of a written DataRow and reads its values back (null for SQL NULL).</summary>
    public static byte[]?[] ReadRow(byte[] message)
    {
        Assert.Equal((byte)'D', message[0]);
        Assert.Equal(message.Length - 1, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(message.AsSpan(1)));
        var values = new List<byte[]?>();
        foreach (var value in DataRowMessage.Parse(Body(message)).Columns)
        {
            values.Add(value.IsNull ? null : value.Bytes.ToArray());
        }

        return [.. values];
    }

    public static string?[] ReadTextRow(byte[] message) => [.. ReadRow(message).Select(v => v is null ? null : Encoding.UTF8.GetString(v))];

    public static bool Contains(byte[] haystack, string clear) => haystack.AsSpan().IndexOf(Utf8(clear)) >= 0;
}

using System.Buffers;

namespace Hoop.Gateway.Postgres.Protocol;

/// <summary>D (backend): one row; its columns are slices of the message body (NULL as -1 on the wire).</summary>
internal readonly record struct DataRowMessage(PgValueList Columns)
{
    public static DataRowMessage Parse(ReadOnlySequence<byte> body)
    {
        var reader = new PgBodyReader(body, "DataRow");
        var columns = reader.ReadValues(reader.ReadCount16(4));
        reader.ExpectEnd();
        return new DataRowMessage(columns);
    }
}

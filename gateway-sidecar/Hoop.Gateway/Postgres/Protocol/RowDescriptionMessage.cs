using System.Buffers;

namespace Hoop.Gateway.Postgres.Protocol;

/// <summary>T: the shape of the rows that follow.</summary>
internal readonly record struct RowDescriptionMessage(PgFieldDescription[] Fields)
{
    /// <summary>Smallest field: an empty name and its terminator plus 18 bytes of attributes.</summary>
    private const int MinimumFieldLength = 19;

    public static RowDescriptionMessage Parse(ReadOnlySequence<byte> body)
    {
        var reader = new PgBodyReader(body, "RowDescription");
        var count = reader.ReadCount16(MinimumFieldLength);
        var fields = count == 0 ? [] : new PgFieldDescription[count];
        for (var i = 0; i < count; i++)
        {
            fields[i] = new PgFieldDescription(
                reader.ReadString(), reader.ReadInt32(), reader.ReadInt16(), reader.ReadInt32(), reader.ReadInt16(), reader.ReadInt32(), reader.ReadInt16());
        }

        reader.ExpectEnd();
        return new RowDescriptionMessage(fields);
    }
}

using System.Buffers;

namespace Hoop.Gateway.Postgres.Protocol;

/// <summary>G, H or W: the server enters COPY IN, COPY OUT or COPY BOTH with these formats (0 text, 1 binary).</summary>
internal readonly record struct CopyResponseMessage(byte OverallFormat, short[] ColumnFormats)
{
    public static CopyResponseMessage Parse(ReadOnlySequence<byte> body)
    {
        var reader = new PgBodyReader(body, "CopyResponse");
        var format = reader.ReadByte();
        var columns = reader.ReadInt16Array();
        reader.ExpectEnd();
        if (format > 1)
        {
            PgProtocolException.ThrowMalformed("CopyResponse");
        }

        return new CopyResponseMessage(format, columns);
    }
}

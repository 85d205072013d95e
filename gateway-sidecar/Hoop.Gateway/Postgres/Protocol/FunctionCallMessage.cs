using System.Buffers;

namespace Hoop.Gateway.Postgres.Protocol;

/// <summary>F: the legacy fast-path call of a function by OID.</summary>
internal readonly record struct FunctionCallMessage(int FunctionOid, short[] ArgumentFormats, PgValueList Arguments, short ResultFormat)
{
    public static FunctionCallMessage Parse(ReadOnlySequence<byte> body)
    {
        var reader = new PgBodyReader(body, "FunctionCall");
        var oid = reader.ReadInt32();
        var formats = reader.ReadInt16Array();
        var arguments = reader.ReadValues(reader.ReadCount16(4));
        var resultFormat = reader.ReadInt16();
        reader.ExpectEnd();
        return new FunctionCallMessage(oid, formats, arguments, resultFormat);
    }
}

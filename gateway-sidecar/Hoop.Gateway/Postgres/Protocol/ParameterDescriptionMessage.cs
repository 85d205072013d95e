using System.Buffers;

namespace Hoop.Gateway.Postgres.Protocol;

/// <summary>t: the parameter types of a described statement.</summary>
internal readonly record struct ParameterDescriptionMessage(int[] TypeOids)
{
    public static ParameterDescriptionMessage Parse(ReadOnlySequence<byte> body)
    {
        var reader = new PgBodyReader(body, "ParameterDescription");
        var oids = reader.ReadInt32Array();
        reader.ExpectEnd();
        return new ParameterDescriptionMessage(oids);
    }
}

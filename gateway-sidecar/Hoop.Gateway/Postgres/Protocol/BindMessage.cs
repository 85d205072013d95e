using System.Buffers;

namespace Hoop.Gateway.Postgres.Protocol;

/// <summary>B: binds parameter values to a prepared statement, creating a portal.</summary>
internal readonly record struct BindMessage(
    string Portal, string Statement, short[] ParameterFormats, PgValueList Parameters, short[] ResultFormats)
{
    public static BindMessage Parse(ReadOnlySequence<byte> body)
    {
        var reader = new PgBodyReader(body, "Bind");
        var portal = reader.ReadString();
        var statement = reader.ReadString();
        var parameterFormats = reader.ReadInt16Array();
        var parameters = reader.ReadValues(reader.ReadCount16(4));
        var resultFormats = reader.ReadInt16Array();
        reader.ExpectEnd();
        return new BindMessage(portal, statement, parameterFormats, parameters, resultFormats);
    }
}

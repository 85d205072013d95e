using System.Buffers;

namespace Hoop.Gateway.Postgres.Protocol;

/// <summary>P: prepares <see cref="Sql"/> as a named (or the unnamed) statement.</summary>
internal readonly record struct ParseMessage(string StatementName, string Sql, int[] ParameterTypeOids)
{
    public static ParseMessage Parse(ReadOnlySequence<byte> body)
    {
        var reader = new PgBodyReader(body, "Parse");
        var name = reader.ReadString();
        var sql = reader.ReadString();
        var oids = reader.ReadInt32Array();
        reader.ExpectEnd();
        return new ParseMessage(name, sql, oids);
    }
}

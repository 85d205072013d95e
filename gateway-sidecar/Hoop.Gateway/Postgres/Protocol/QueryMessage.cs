using System.Buffers;

namespace Hoop.Gateway.Postgres.Protocol;

/// <summary>Q: a simple-protocol query string, possibly several statements.</summary>
internal readonly record struct QueryMessage(string Sql)
{
    public static QueryMessage Parse(ReadOnlySequence<byte> body)
    {
        var reader = new PgBodyReader(body, "Query");
        var sql = reader.ReadString();
        reader.ExpectEnd();
        return new QueryMessage(sql);
    }
}

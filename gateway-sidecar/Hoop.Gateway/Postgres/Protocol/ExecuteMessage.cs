using System.Buffers;

namespace Hoop.Gateway.Postgres.Protocol;

/// <summary>E (frontend): runs a portal, returning at most <see cref="MaxRows"/> rows (0 = all).</summary>
internal readonly record struct ExecuteMessage(string Portal, int MaxRows)
{
    public static ExecuteMessage Parse(ReadOnlySequence<byte> body)
    {
        var reader = new PgBodyReader(body, "Execute");
        var portal = reader.ReadString();
        var maxRows = reader.ReadInt32();
        reader.ExpectEnd();
        return new ExecuteMessage(portal, maxRows);
    }
}

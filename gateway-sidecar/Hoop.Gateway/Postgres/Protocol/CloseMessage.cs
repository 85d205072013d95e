using System.Buffers;

namespace Hoop.Gateway.Postgres.Protocol;

/// <summary>C (frontend): closes a prepared statement or portal.</summary>
internal readonly record struct CloseMessage(PgObjectKind Kind, string Name)
{
    public static CloseMessage Parse(ReadOnlySequence<byte> body)
    {
        var (kind, name) = DescribeMessage.ReadTarget(body, "Close");
        return new CloseMessage(kind, name);
    }
}

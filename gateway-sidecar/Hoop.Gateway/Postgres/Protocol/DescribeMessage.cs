using System.Buffers;

namespace Hoop.Gateway.Postgres.Protocol;

/// <summary>D: asks for the parameter and row shape of a statement or portal.</summary>
internal readonly record struct DescribeMessage(PgObjectKind Kind, string Name)
{
    public static DescribeMessage Parse(ReadOnlySequence<byte> body)
    {
        var (kind, name) = ReadTarget(body, "Describe");
        return new DescribeMessage(kind, name);
    }

    /// <summary>The body shared by Describe and Close: a kind byte and a name.</summary>
    internal static (PgObjectKind Kind, string Name) ReadTarget(ReadOnlySequence<byte> body, string messageName)
    {
        var reader = new PgBodyReader(body, messageName);
        var kind = (PgObjectKind)reader.ReadByte();
        if (kind is not (PgObjectKind.Statement or PgObjectKind.Portal))
        {
            PgProtocolException.ThrowMalformed(messageName);
        }

        var name = reader.ReadString();
        reader.ExpectEnd();
        return (kind, name);
    }
}

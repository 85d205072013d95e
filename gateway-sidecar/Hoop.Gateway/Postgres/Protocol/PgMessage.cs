using System.Buffers;
using System.Buffers.Binary;

namespace Hoop.Gateway.Postgres.Protocol;

/// <summary>One typed protocol message; <see cref="Body"/> borrows the reader's buffer and is valid until its next read.</summary>
internal readonly struct PgMessage(byte type, ReadOnlySequence<byte> body)
{
    public const int HeaderLength = 5;

    public byte Type { get; } = type;

    public ReadOnlySequence<byte> Body { get; } = body;

    /// <summary>Header plus body, as it travels on the wire.</summary>
    public long WireLength => HeaderLength + Body.Length;

    /// <summary>Forwards the message unchanged: header then body, copied straight into the writer's own memory.</summary>
    public void WriteTo(IBufferWriter<byte> writer)
    {
        var header = writer.GetSpan(HeaderLength);
        header[0] = Type;
        BinaryPrimitives.WriteInt32BigEndian(header[1..], checked((int)Body.Length + 4));
        writer.Advance(HeaderLength);
        foreach (var segment in Body)
        {
            writer.Write(segment.Span);
        }
    }

    public override string ToString() => $"{(char)Type} ({Body.Length} bytes)";
}

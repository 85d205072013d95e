using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Hoop.Gateway.Postgres.Protocol;

/// <summary>
/// Fills one outgoing message in the writer's own memory: the caller sizes the body first, so the length word is
/// written up front and nothing is copied twice. <see cref="Commit"/> checks the size matched.
/// </summary>
internal ref struct PgFrame
{
    private readonly IBufferWriter<byte> _writer;
    private readonly Span<byte> _span;
    private int _position;

    private PgFrame(IBufferWriter<byte> writer, int totalLength)
    {
        _writer = writer;
        _span = writer.GetSpan(totalLength)[..totalLength];
    }

    /// <summary>Starts a typed message (type byte, int32 length) with a body of <paramref name="bodyLength"/> bytes.</summary>
    public static PgFrame Typed(IBufferWriter<byte> writer, byte type, int bodyLength)
    {
        var frame = new PgFrame(writer, PgMessage.HeaderLength + bodyLength);
        frame.WriteByte(type);
        frame.WriteInt32(bodyLength + 4);
        return frame;
    }

    /// <summary>Starts an untyped startup-phase packet (int32 length) with <paramref name="bodyLength"/> bytes after it.</summary>
    public static PgFrame Untyped(IBufferWriter<byte> writer, int bodyLength)
    {
        var frame = new PgFrame(writer, 4 + bodyLength);
        frame.WriteInt32(bodyLength + 4);
        return frame;
    }

    /// <summary>Bytes a string takes on the wire: UTF-8 plus its terminator.</summary>
    public static int StringLength(string value) => Encoding.UTF8.GetByteCount(value) + 1;

    public void WriteByte(byte value) => _span[_position++] = value;

    public void WriteInt16(short value)
    {
        BinaryPrimitives.WriteInt16BigEndian(_span[_position..], value);
        _position += 2;
    }

    public void WriteInt32(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(_span[_position..], value);
        _position += 4;
    }

    public void WriteString(string value)
    {
        _position += Encoding.UTF8.GetBytes(value, _span[_position..]);
        _span[_position++] = 0;
    }

    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        value.CopyTo(_span[_position..]);
        _position += value.Length;
    }

    public void WriteBytes(ReadOnlySequence<byte> value)
    {
        value.CopyTo(_span[_position..]);
        _position += (int)value.Length;
    }

    public void WriteValue(PgValue value)
    {
        WriteInt32(value.WireLength);
        if (!value.IsNull)
        {
            WriteBytes(value.Bytes);
        }
    }

    public readonly void Commit()
    {
        if (_position != _span.Length)
        {
            throw new InvalidOperationException($"A protocol message was sized at {_span.Length} bytes but {_position} were written.");
        }

        _writer.Advance(_position);
    }
}

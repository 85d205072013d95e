using System.Buffers;
using System.Text;

namespace Hoop.Gateway.Postgres.Protocol;

/// <summary>
/// A bounds-checked cursor over a message body: every read that would run past the end, or a string without its
/// terminator, becomes a <see cref="PgProtocolException"/> naming the message.
/// </summary>
internal ref struct PgBodyReader(ReadOnlySequence<byte> body, string messageName)
{
    private SequenceReader<byte> _reader = new(body);

    public readonly long Remaining => _reader.Remaining;

    public byte ReadByte()
    {
        if (!_reader.TryRead(out var value))
        {
            PgProtocolException.ThrowMalformed(messageName);
        }

        return value;
    }

    public short ReadInt16()
    {
        if (!_reader.TryReadBigEndian(out short value))
        {
            PgProtocolException.ThrowMalformed(messageName);
        }

        return value;
    }

    public int ReadInt32()
    {
        if (!_reader.TryReadBigEndian(out int value))
        {
            PgProtocolException.ThrowMalformed(messageName);
        }

        return value;
    }

    /// <summary>A count that must be non-negative and cannot exceed what the rest of the body could hold.</summary>
    public int ReadCount16(int minimumBytesEach)
    {
        var count = (int)(ushort)ReadInt16();
        if ((long)count * minimumBytesEach > Remaining)
        {
            PgProtocolException.ThrowMalformed(messageName);
        }

        return count;
    }

    /// <summary>The bytes of a null-terminated string, without the terminator.</summary>
    public ReadOnlySequence<byte> ReadStringBytes()
    {
        if (!_reader.TryReadTo(out ReadOnlySequence<byte> value, 0))
        {
            PgProtocolException.ThrowMalformed(messageName);
        }

        return value;
    }

    public string ReadString() => Decode(ReadStringBytes());

    public ReadOnlySequence<byte> ReadBytes(long count)
    {
        if (count < 0 || count > _reader.Remaining)
        {
            PgProtocolException.ThrowMalformed(messageName);
        }

        var value = _reader.UnreadSequence.Slice(0, count);
        _reader.Advance(count);
        return value;
    }

    /// <summary>A length-prefixed value; -1 is SQL NULL, any other negative length is malformed.</summary>
    public PgValue ReadValue()
    {
        var length = ReadInt32();
        return length == -1 ? PgValue.Null : new PgValue(ReadBytes(length));
    }

    /// <summary>Validates <paramref name="count"/> length-prefixed values and returns them as one list.</summary>
    public PgValueList ReadValues(int count)
    {
        var values = _reader.UnreadSequence;
        var before = _reader.Consumed;
        for (var i = 0; i < count; i++)
        {
            ReadValue();
        }

        return new PgValueList(values.Slice(0, _reader.Consumed - before), count);
    }

    /// <summary>A list of int16 format codes or int32 OIDs needs at least this many bytes per entry.</summary>
    public short[] ReadInt16Array()
    {
        var count = ReadCount16(2);
        var values = count == 0 ? [] : new short[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = ReadInt16();
        }

        return values;
    }

    public int[] ReadInt32Array()
    {
        var count = ReadCount16(4);
        var values = count == 0 ? [] : new int[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = ReadInt32();
        }

        return values;
    }

    public ReadOnlySequence<byte> ReadRest()
    {
        var rest = _reader.UnreadSequence;
        _reader.AdvanceToEnd();
        return rest;
    }

    public readonly void ExpectEnd()
    {
        if (!_reader.End)
        {
            PgProtocolException.ThrowMalformed(messageName);
        }
    }

    public static string Decode(ReadOnlySequence<byte> bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new PgProtocolException(PgSqlState.ProtocolViolation, "A protocol string is not valid UTF-8; set client_encoding to UTF8.");
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}

using System.Buffers;

namespace Hoop.Gateway.Postgres.Protocol;

/// <summary>A parameter or column value as it travels: its bytes, or SQL NULL (length -1 on the wire).</summary>
internal readonly struct PgValue(ReadOnlySequence<byte> bytes)
{
    public static PgValue Null { get; } = new(default, isNull: true);

    private PgValue(ReadOnlySequence<byte> bytes, bool isNull)
        : this(bytes) => IsNull = isNull;

    public bool IsNull { get; }

    public ReadOnlySequence<byte> Bytes { get; } = bytes;

    /// <summary>The length written on the wire: -1 for NULL.</summary>
    public int WireLength => IsNull ? -1 : (int)Bytes.Length;

    public string? AsText() => IsNull ? null : PgBodyReader.Decode(Bytes);
}

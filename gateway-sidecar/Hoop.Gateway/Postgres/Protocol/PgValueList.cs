using System.Buffers;

namespace Hoop.Gateway.Postgres.Protocol;

/// <summary>
/// The length-prefixed values of a Bind, FunctionCall or DataRow, validated once and enumerated without allocating.
/// </summary>
internal readonly struct PgValueList(ReadOnlySequence<byte> values, int count)
{
    public int Count { get; } = count;

    /// <summary>The values as they travel on the wire (length words included), for forwarding unchanged.</summary>
    public ReadOnlySequence<byte> WireBytes { get; } = values;

    public Enumerator GetEnumerator() => new(WireBytes, Count);

    /// <summary>Walks the already validated values.</summary>
    public ref struct Enumerator(ReadOnlySequence<byte> values, int count)
    {
        private PgBodyReader _reader = new(values, "value list");
        private int _remaining = count;

        public PgValue Current { get; private set; }

        public bool MoveNext()
        {
            if (_remaining == 0)
            {
                return false;
            }

            _remaining--;
            Current = _reader.ReadValue();
            return true;
        }
    }
}

using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;

namespace Hoop.Gateway.Postgres.Protocol;

/// <summary>
/// Frames typed protocol messages out of a pipe without copying them. A message's body stays valid until the next
/// <see cref="ReadAsync"/>, which releases it; oversize messages are refused from their header alone.
/// </summary>
internal sealed class PgMessageReader(PipeReader reader, int maxBodyLength)
{
    private SequencePosition? _consumed;

    public PipeReader Input { get; } = reader;

    public int MaxBodyLength { get; } = maxBodyLength;

    /// <summary>The next whole message, or null when the peer closed the stream between messages.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<PgMessage?> ReadAsync(CancellationToken cancellationToken = default)
    {
        Release();
        while (true)
        {
            if (!Input.TryRead(out var result))
            {
                result = await Input.ReadAsync(cancellationToken).ConfigureAwait(false);
            }

            var buffer = result.Buffer;
            if (TryFrame(buffer, out var message))
            {
                _consumed = buffer.GetPosition(message.WireLength);
                return message;
            }

            if (result.IsCompleted || result.IsCanceled)
            {
                Input.AdvanceTo(buffer.End);
                if (buffer.IsEmpty && result.IsCompleted)
                {
                    return null;
                }

                PgProtocolException.ThrowViolation(result.IsCanceled
                    ? "Reading a protocol message was cancelled."
                    : "The peer closed the connection in the middle of a protocol message.");
            }

            Input.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>The synchronous fast path: a whole message already buffered, without awaiting the pipe.</summary>
    public bool TryRead(out PgMessage message)
    {
        Release();
        if (!Input.TryRead(out var result))
        {
            message = default;
            return false;
        }

        var buffer = result.Buffer;
        if (TryFrame(buffer, out message))
        {
            _consumed = buffer.GetPosition(message.WireLength);
            return true;
        }

        Input.AdvanceTo(buffer.Start, buffer.End);
        return false;
    }

    /// <summary>Lets the pipe reuse the memory of the last message returned; idempotent.</summary>
    public void Release()
    {
        if (_consumed is { } consumed)
        {
            _consumed = null;
            Input.AdvanceTo(consumed);
        }
    }

    private bool TryFrame(ReadOnlySequence<byte> buffer, out PgMessage message)
    {
        message = default;
        if (buffer.Length < PgMessage.HeaderLength)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[PgMessage.HeaderLength];
        buffer.Slice(0, PgMessage.HeaderLength).CopyTo(header);
        var length = BinaryPrimitives.ReadInt32BigEndian(header[1..]);
        if (length < 4)
        {
            PgProtocolException.ThrowViolation($"Invalid message length {length} for message type '{(char)header[0]}'.");
        }

        var bodyLength = length - 4;
        if (bodyLength > MaxBodyLength)
        {
            PgProtocolException.ThrowTooLarge(bodyLength, MaxBodyLength);
        }

        if (buffer.Length < PgMessage.HeaderLength + bodyLength)
        {
            return false;
        }

        message = new PgMessage(header[0], buffer.Slice(PgMessage.HeaderLength, bodyLength));
        return true;
    }
}

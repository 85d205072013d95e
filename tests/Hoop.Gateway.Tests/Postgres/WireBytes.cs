using System.Buffers;
using System.IO.Pipelines;

namespace Hoop.Gateway.Tests.Postgres;

/// <summary>Builds wire bytes, pipes and multi-segment sequences for protocol tests.</summary>
internal static class WireBytes
{
    public static byte[] Of(Action<IBufferWriter<byte>> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        write(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A pipe holding exactly <paramref name="bytes"/>, already completed, so a reader can never wait for more.</summary>
    public static PipeReader CompletedPipe(byte[] bytes)
    {
        var pipe = new Pipe();
        pipe.Writer.Write(bytes);
        pipe.Writer.Complete();
        return pipe.Reader;
    }

    /// <summary>The bytes as a sequence cut at <paramref name="cut"/>, so parsers must cope with values spanning segments.</summary>
    public static ReadOnlySequence<byte> Split(byte[] bytes, int cut)
    {
        cut = Math.Clamp(cut, 0, bytes.Length);
        var first = new Segment(bytes.AsMemory(0, cut), 0);
        var last = first.Append(bytes.AsMemory(cut));
        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}

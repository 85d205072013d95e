using System.Buffers;

namespace Hoop.Gateway.Postgres.Protocol;

/// <summary>Messages whose type byte says everything (Sync, Flush, Terminate, CopyDone, ParseComplete, NoData, ...).</summary>
internal static class EmptyMessage
{
    public static void Validate(ReadOnlySequence<byte> body, string messageName)
    {
        if (!body.IsEmpty)
        {
            PgProtocolException.ThrowMalformed(messageName);
        }
    }
}

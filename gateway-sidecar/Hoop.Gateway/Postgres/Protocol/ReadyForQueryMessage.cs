using System.Buffers;

namespace Hoop.Gateway.Postgres.Protocol;

/// <summary>Z: the server is ready for the next command and reports its transaction state.</summary>
internal readonly record struct ReadyForQueryMessage(TransactionStatus Status)
{
    public static ReadyForQueryMessage Parse(ReadOnlySequence<byte> body)
    {
        var reader = new PgBodyReader(body, "ReadyForQuery");
        var status = (TransactionStatus)reader.ReadByte();
        reader.ExpectEnd();
        if (status is not (TransactionStatus.Idle or TransactionStatus.InTransaction or TransactionStatus.Failed))
        {
            PgProtocolException.ThrowMalformed("ReadyForQuery");
        }

        return new ReadyForQueryMessage(status);
    }
}

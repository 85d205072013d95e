using System.Buffers;

namespace Hoop.Gateway.Postgres.Protocol;

/// <summary>f: the client aborts a COPY FROM STDIN.</summary>
internal readonly record struct CopyFailMessage(string Reason)
{
    public static CopyFailMessage Parse(ReadOnlySequence<byte> body)
    {
        var reader = new PgBodyReader(body, "CopyFail");
        var reason = reader.ReadString();
        reader.ExpectEnd();
        return new CopyFailMessage(reason);
    }
}

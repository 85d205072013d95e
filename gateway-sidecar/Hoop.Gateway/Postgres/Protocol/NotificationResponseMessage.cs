using System.Buffers;

namespace Hoop.Gateway.Postgres.Protocol;

/// <summary>A: a NOTIFY delivered to a session that LISTENs on <see cref="Channel"/>.</summary>
internal readonly record struct NotificationResponseMessage(int ProcessId, string Channel, string Payload)
{
    public static NotificationResponseMessage Parse(ReadOnlySequence<byte> body)
    {
        var reader = new PgBodyReader(body, "NotificationResponse");
        var processId = reader.ReadInt32();
        var channel = reader.ReadString();
        var payload = reader.ReadString();
        reader.ExpectEnd();
        return new NotificationResponseMessage(processId, channel, payload);
    }
}

using System.Buffers;

namespace Hoop.Gateway.Postgres.Protocol;

/// <summary>K: the backend's process id and the secret key a CancelRequest must present.</summary>
internal readonly record struct BackendKeyDataMessage(int ProcessId, int SecretKey)
{
    public static BackendKeyDataMessage Parse(ReadOnlySequence<byte> body)
    {
        var reader = new PgBodyReader(body, "BackendKeyData");
        var processId = reader.ReadInt32();
        var secretKey = reader.ReadInt32();
        reader.ExpectEnd();
        return new BackendKeyDataMessage(processId, secretKey);
    }
}

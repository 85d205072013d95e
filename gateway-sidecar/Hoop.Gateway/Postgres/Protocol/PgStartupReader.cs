using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;

namespace Hoop.Gateway.Postgres.Protocol;

/// <summary>Reads the untyped packets a client sends before its StartupMessage is accepted (length, code, payload).</summary>
internal static class PgStartupReader
{
    /// <summary>PostgreSQL's own limit (MAX_STARTUP_PACKET_LENGTH).</summary>
    public const int MaxPacketLength = 10000;

    /// <summary>The next startup packet, or null when the client closed the connection before sending one.</summary>
    public static async ValueTask<StartupPacket?> ReadAsync(PipeReader input, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            int length;
            try
            {
                length = PacketLength(buffer);
                if (length > 0 && buffer.Length >= length)
                {
                    var packet = Parse(buffer.Slice(4, length - 4));
                    input.AdvanceTo(buffer.GetPosition(length));
                    return packet;
                }
            }
            catch
            {
                input.AdvanceTo(buffer.End);
                throw;
            }

            if (result.IsCompleted || result.IsCanceled)
            {
                input.AdvanceTo(buffer.End);
                if (buffer.IsEmpty && result.IsCompleted)
                {
                    return null;
                }

                PgProtocolException.ThrowViolation("The client closed the connection in the middle of its startup packet.");
            }

            input.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>The announced packet length once the length word has arrived; 0 before.</summary>
    private static int PacketLength(ReadOnlySequence<byte> buffer)
    {
        if (buffer.Length < 4)
        {
            return 0;
        }

        Span<byte> word = stackalloc byte[4];
        buffer.Slice(0, 4).CopyTo(word);
        var length = BinaryPrimitives.ReadInt32BigEndian(word);
        if (length < 8 || length > MaxPacketLength)
        {
            PgProtocolException.ThrowViolation($"Invalid length of startup packet ({length} bytes); PostgreSQL accepts 8 to {MaxPacketLength}.");
        }

        return length;
    }

    private static StartupPacket Parse(ReadOnlySequence<byte> payload)
    {
        var body = new PgBodyReader(payload, "startup packet");
        var code = body.ReadInt32();
        switch (code)
        {
            case StartupPacket.SslRequestCode:
                body.ExpectEnd();
                return StartupPacket.EncryptionRequest(StartupPacketKind.SslRequest);
            case StartupPacket.GssEncryptionRequestCode:
                body.ExpectEnd();
                return StartupPacket.EncryptionRequest(StartupPacketKind.GssEncryptionRequest);
            case StartupPacket.CancelRequestCode:
                var processId = body.ReadInt32();
                var secretKey = body.ReadInt32();
                body.ExpectEnd();
                return StartupPacket.Cancel(processId, secretKey);
        }

        if (code >> 16 != 3)
        {
            throw new PgProtocolException(PgSqlState.FeatureNotSupported,
                $"Unsupported frontend protocol {code >> 16}.{code & 0xFFFF}: the gateway speaks protocol 3.0; upgrade the client library.");
        }

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        while (true)
        {
            var name = body.ReadString();
            if (name.Length == 0)
            {
                break;
            }

            parameters[name] = body.ReadString();
        }

        body.ExpectEnd();
        if (!parameters.TryGetValue("user", out var user) || user.Length == 0)
        {
            throw new PgProtocolException(PgSqlState.InvalidAuthorizationSpecification,
                "No PostgreSQL user name specified in startup packet; set the user in the connection settings.");
        }

        return StartupPacket.Startup(code, parameters);
    }
}

using System.Buffers.Binary;
using System.Text;

namespace Hoop.Gateway.Tests.EndToEnd;

/// <summary>The PostgreSQL protocol by hand, for what a driver would not do: leave abruptly, send bytes out of order.</summary>
internal static class Wire
{
    public static byte[] CString(string text) => [.. Encoding.UTF8.GetBytes(text), 0];

    public static byte[] Startup(params (string Name, string Value)[] parameters)
    {
        var body = new List<byte>();
        foreach (var (name, value) in parameters)
        {
            body.AddRange(CString(name));
            body.AddRange(CString(value));
        }

        body.Add(0);
        var packet = new byte[8 + body.Count];
        BinaryPrimitives.WriteInt32BigEndian(packet, packet.Length);
        BinaryPrimitives.WriteInt32BigEndian(packet.AsSpan(4), 196608);
        body.CopyTo(packet, 8);
        return packet;
    }

    public static byte[] Message(byte type, byte[] body)
    {
        var message = new byte[5 + body.Length];
        message[0] = type;
        BinaryPrimitives.WriteInt32BigEndian(message.AsSpan(1), body.Length + 4);
        body.CopyTo(message, 5);
        return message;
    }

    public static async Task<(byte Type, byte[] Body)> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var header = new byte[5];
        await stream.ReadExactlyAsync(header, cancellationToken);
        var body = new byte[BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(1)) - 4];
        await stream.ReadExactlyAsync(body, cancellationToken);
        return (header[0], body);
    }
}

using System.Buffers;

namespace Hoop.Gateway.Postgres.Protocol;

/// <summary>v: the server supports only an older minor version and ignored the listed protocol options.</summary>
internal readonly record struct NegotiateProtocolVersionMessage(int NewestMinorVersion, string[] UnrecognizedOptions)
{
    public static NegotiateProtocolVersionMessage Parse(ReadOnlySequence<byte> body)
    {
        var reader = new PgBodyReader(body, "NegotiateProtocolVersion");
        var minor = reader.ReadInt32();
        var count = reader.ReadInt32();
        if (count < 0 || count > reader.Remaining)
        {
            PgProtocolException.ThrowMalformed("NegotiateProtocolVersion");
        }

        var options = count == 0 ? [] : new string[count];
        for (var i = 0; i < count; i++)
        {
            options[i] = reader.ReadString();
        }

        reader.ExpectEnd();
        return new NegotiateProtocolVersionMessage(minor, options);
    }
}

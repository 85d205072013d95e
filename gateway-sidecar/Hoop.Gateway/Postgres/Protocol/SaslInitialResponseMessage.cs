using System.Buffers;

namespace Hoop.Gateway.Postgres.Protocol;

/// <summary>p in answer to AuthenticationSASL: the chosen mechanism and the client-first message (NULL when absent).</summary>
internal readonly record struct SaslInitialResponseMessage(string Mechanism, PgValue Response)
{
    public static SaslInitialResponseMessage Parse(ReadOnlySequence<byte> body)
    {
        var reader = new PgBodyReader(body, "SASLInitialResponse");
        var mechanism = reader.ReadString();
        var response = reader.ReadValue();
        reader.ExpectEnd();
        return new SaslInitialResponseMessage(mechanism, response);
    }
}

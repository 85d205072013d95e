using System.Buffers;

namespace Hoop.Gateway.Postgres.Protocol;

/// <summary>
/// R: the server's authentication request or verdict. <see cref="Salt"/> is set for MD5, <see cref="Mechanisms"/>
/// for SASL, <see cref="Data"/> for SASLContinue, SASLFinal and GSS continuations.
/// </summary>
internal readonly record struct AuthenticationMessage(
    AuthenticationRequest Request, int Salt, string[] Mechanisms, ReadOnlySequence<byte> Data)
{
    public static AuthenticationMessage Parse(ReadOnlySequence<byte> body)
    {
        var reader = new PgBodyReader(body, "Authentication");
        var request = (AuthenticationRequest)reader.ReadInt32();
        var salt = 0;
        string[] mechanisms = [];
        var data = ReadOnlySequence<byte>.Empty;
        switch (request)
        {
            case AuthenticationRequest.Ok or AuthenticationRequest.KerberosV5 or AuthenticationRequest.CleartextPassword
                or AuthenticationRequest.Gss or AuthenticationRequest.Sspi:
                break;
            case AuthenticationRequest.Md5Password:
                salt = reader.ReadInt32();
                break;
            case AuthenticationRequest.Sasl:
                mechanisms = ReadMechanisms(ref reader);
                break;
            case AuthenticationRequest.SaslContinue or AuthenticationRequest.SaslFinal or AuthenticationRequest.GssContinue:
                data = reader.ReadRest();
                break;
            default:
                PgProtocolException.ThrowMalformed("Authentication");
                break;
        }

        reader.ExpectEnd();
        return new AuthenticationMessage(request, salt, mechanisms, data);
    }

    private static string[] ReadMechanisms(ref PgBodyReader reader)
    {
        var mechanisms = new List<string>();
        while (true)
        {
            var mechanism = reader.ReadString();
            if (mechanism.Length == 0)
            {
                return [.. mechanisms];
            }

            mechanisms.Add(mechanism);
        }
    }
}

using System.Buffers;

namespace Hoop.Gateway.Postgres.Protocol;

/// <summary>p in answer to a cleartext or MD5 request: the password (or its MD5 hash) as a string.</summary>
internal readonly record struct PasswordMessage(string Password)
{
    public static PasswordMessage Parse(ReadOnlySequence<byte> body)
    {
        var reader = new PgBodyReader(body, "PasswordMessage");
        var password = reader.ReadString();
        reader.ExpectEnd();
        return new PasswordMessage(password);
    }
}

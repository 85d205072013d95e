using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Hoop.Gateway.Postgres.Backend;

/// <summary>The answer to AuthenticationMD5Password: <c>"md5" + md5(md5(password + user) + salt)</c>, hex encoded.</summary>
internal static class Md5PasswordHash
{
    public static string Compute(string user, string password, int salt)
    {
#pragma warning disable CA5351 // The PostgreSQL MD5 method dictates the hash; the gateway only answers with it.
        var inner = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(password + user)));
        var outerInput = new byte[inner.Length + 4];
        Encoding.ASCII.GetBytes(inner, outerInput);
        BinaryPrimitives.WriteInt32BigEndian(outerInput.AsSpan(inner.Length), salt);
        return "md5" + Convert.ToHexStringLower(MD5.HashData(outerInput));
#pragma warning restore CA5351
    }
}

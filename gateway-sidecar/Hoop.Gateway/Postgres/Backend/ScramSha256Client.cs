using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Hoop.Gateway.Postgres.Protocol;

namespace Hoop.Gateway.Postgres.Backend;

/// <summary>
/// The client side of SCRAM-SHA-256 (RFC 5802, RFC 7677) as PostgreSQL speaks it: no channel binding, an empty user
/// name in the messages (the server uses the startup user), and a server signature that must verify before login counts.
/// </summary>
internal sealed class ScramSha256Client
{
    public const string Mechanism = "SCRAM-SHA-256";

    private const string ChannelBindingHeader = "n,,";

    private readonly byte[] _password;
    private readonly string _clientNonce;
    private readonly string _clientFirstMessageBare;
    private byte[]? _expectedServerSignature;

    public ScramSha256Client(string password)
    {
        // PostgreSQL falls back to the raw bytes when SASLprep rejects a password; ASCII passwords are unchanged by it.
        _password = Encoding.UTF8.GetBytes(password);
        _clientNonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
        _clientFirstMessageBare = "n=,r=" + _clientNonce;
    }

    /// <summary>True once the server proved it knows the password (its SASLFinal signature matched).</summary>
    public bool ServerVerified { get; private set; }

    public byte[] ClientFirstMessage() => Encoding.UTF8.GetBytes(ChannelBindingHeader + _clientFirstMessageBare);

    /// <summary>Answers the server-first message (<c>r=...,s=...,i=...</c>) with the client-final message and its proof.</summary>
    public byte[] ClientFinalMessage(ReadOnlySequence<byte> serverFirst)
    {
        var serverFirstMessage = Decode(serverFirst);
        string? nonce = null, salt = null, iterations = null;
        foreach (var attribute in serverFirstMessage.Split(','))
        {
            if (attribute.StartsWith("r=", StringComparison.Ordinal))
            {
                nonce = attribute[2..];
            }
            else if (attribute.StartsWith("s=", StringComparison.Ordinal))
            {
                salt = attribute[2..];
            }
            else if (attribute.StartsWith("i=", StringComparison.Ordinal))
            {
                iterations = attribute[2..];
            }
        }

        if (nonce is null || salt is null || !int.TryParse(iterations, out var count) || count < 1
            || !nonce.StartsWith(_clientNonce, StringComparison.Ordinal) || nonce.Length == _clientNonce.Length)
        {
            throw Failure("its SCRAM server-first message is malformed or does not extend the gateway's nonce");
        }

        byte[] saltBytes;
        try
        {
            saltBytes = Convert.FromBase64String(salt);
        }
        catch (FormatException)
        {
            throw Failure("its SCRAM salt is not base64");
        }

        var saltedPassword = Rfc2898DeriveBytes.Pbkdf2(_password, saltBytes, count, HashAlgorithmName.SHA256, 32);
        var clientKey = HMACSHA256.HashData(saltedPassword, "Client Key"u8);
        var storedKey = SHA256.HashData(clientKey);
        var clientFinalWithoutProof = "c=" + Convert.ToBase64String(Encoding.ASCII.GetBytes(ChannelBindingHeader)) + ",r=" + nonce;
        var authMessage = Encoding.UTF8.GetBytes(_clientFirstMessageBare + "," + serverFirstMessage + "," + clientFinalWithoutProof);
        var proof = HMACSHA256.HashData(storedKey, authMessage);
        for (var i = 0; i < proof.Length; i++)
        {
            proof[i] ^= clientKey[i];
        }

        var serverKey = HMACSHA256.HashData(saltedPassword, "Server Key"u8);
        _expectedServerSignature = HMACSHA256.HashData(serverKey, authMessage);
        return Encoding.ASCII.GetBytes(clientFinalWithoutProof + ",p=" + Convert.ToBase64String(proof));
    }

    /// <summary>Checks the server-final message (<c>v=signature</c>); throws unless the server proved it holds the verifier.</summary>
    public void VerifyServerFinal(ReadOnlySequence<byte> serverFinal)
    {
        var message = Decode(serverFinal);
        if (_expectedServerSignature is null)
        {
            throw Failure("it sent SCRAM server-final before server-first");
        }

        if (message.StartsWith("e=", StringComparison.Ordinal))
        {
            throw Failure($"it reported SCRAM error '{message[2..]}'");
        }

        byte[] signature;
        try
        {
            var end = message.IndexOf(',', StringComparison.Ordinal);
            signature = message.StartsWith("v=", StringComparison.Ordinal)
                ? Convert.FromBase64String(end < 0 ? message[2..] : message[2..end])
                : [];
        }
        catch (FormatException)
        {
            signature = [];
        }

        if (!CryptographicOperations.FixedTimeEquals(signature, _expectedServerSignature))
        {
            throw Failure("its SCRAM server signature does not match, so it cannot prove it knows the password");
        }

        ServerVerified = true;
    }

    private static string Decode(ReadOnlySequence<byte> bytes)
    {
        try
        {
            return PgBodyReader.Decode(bytes);
        }
        catch (PgProtocolException)
        {
            throw Failure("its SCRAM message is not valid UTF-8");
        }
    }

    private static BackendLoginException Failure(string what) =>
        new(PgSqlState.InvalidAuthorizationSpecification,
            $"The gateway stopped logging in to the database server because {what}; check that the target address points at the real server.");
}

using System.Buffers;
using System.Security.Cryptography;
using Hoop.Api.V1Alpha1;

namespace Hoop.Policy.Masking;

/// <summary>
/// The hash strategy: <c>hash:</c> and the first 16 bytes of HMAC-SHA256(salt, value) in lower-case hex (37 characters).
/// The salt is per Connection, so equal values hash equally within a Connection (joins still work) and differently across
/// Connections. Card numbers and IBANs are hashed without their separators, so their spaced and plain forms agree.
/// </summary>
internal sealed class KeyedHash
{
    public const int OutputLength = 5 + (TruncatedBytes * 2);
    private const int TruncatedBytes = 16;
    private const int MaxNormalizedLength = 64;

    private readonly byte[] _salt;

    public KeyedHash(ReadOnlySpan<byte> salt)
    {
        _salt = salt.ToArray();
    }

    public void Write(ReadOnlySpan<byte> value, DetectorType? type, IBufferWriter<byte> output)
    {
        // Card numbers and IBANs are short (at most 42 bytes with separators), so their normalised form fits the stack.
        Span<byte> normalized = stackalloc byte[MaxNormalizedLength];
        scoped var input = value;
        if (type is DetectorType.CreditCard or DetectorType.Iban && value.Length <= MaxNormalizedLength)
        {
            var n = 0;
            foreach (var b in value)
            {
                if (b is not ((byte)' ' or (byte)'-'))
                {
                    normalized[n++] = b;
                }
            }

            input = normalized[..n];
        }

        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_salt, input, mac);
        var destination = output.GetSpan(OutputLength);
        "hash:"u8.CopyTo(destination);
        for (var i = 0; i < TruncatedBytes; i++)
        {
            destination[5 + (i * 2)] = HexDigit(mac[i] >> 4);
            destination[6 + (i * 2)] = HexDigit(mac[i] & 0xF);
        }

        output.Advance(OutputLength);
    }

    private static byte HexDigit(int nibble) => (byte)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
}

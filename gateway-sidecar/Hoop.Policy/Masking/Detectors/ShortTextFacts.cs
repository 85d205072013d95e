using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Hoop.Policy.Masking.Detectors;

/// <summary>
/// The <see cref="TextFacts"/> of a value of up to 64 bytes, exact to the position: each byte class becomes a bit mask
/// (bit <c>i</c> is byte <c>i</c>), found sixteen bytes at a time, and shapes that detectors need (<c>ddd-dd-dddd</c>, a
/// '+' and eight digits) cost a few shifts and ands instead of a scan.
/// </summary>
internal static partial class ShortTextFacts
{
    public const int MaxLength = 64;

    private const int Block = 16;

    public static TextFacts Of(ReadOnlySpan<byte> text)
    {
        ulong digit = 0, upper = 0, lower = 0, dot = 0, colon = 0, plus = 0, dash = 0, space = 0, token = 0;
        var rare = Vector128<byte>.Zero;
        var length = text.Length;
        ref var start = ref MemoryMarshal.GetReference(text);
        for (var at = 0; at < length; at += Block)
        {
            // A short value is zero-padded (zero bytes belong to no class); the last block of a longer one overlaps the
            // one before it, and the overlap is dropped from its masks.
            Vector128<byte> v;
            var skip = 0;
            if (length < Block)
            {
                v = LoadShort(text);
            }
            else if (at + Block <= length)
            {
                v = Vector128.LoadUnsafe(ref start, (nuint)at);
            }
            else
            {
                v = Vector128.LoadUnsafe(ref start, (nuint)(length - Block));
                skip = at + Block - length;
            }

            var isUpper = InRange(v, 'A', 'Z');
            var isLower = InRange(v, 'a', 'z');
            digit |= Place(InRange(v, '0', '9'), skip, at);
            upper |= Place(isUpper, skip, at);
            lower |= Place(isLower, skip, at);
            dot |= Place(Vector128.Equals(v, Vector128.Create((byte)'.')), skip, at);
            colon |= Place(Vector128.Equals(v, Vector128.Create((byte)':')), skip, at);
            plus |= Place(Vector128.Equals(v, Vector128.Create((byte)'+')), skip, at);
            dash |= Place(Vector128.Equals(v, Vector128.Create((byte)'-')), skip, at);
            space |= Place(Vector128.Equals(v, Vector128.Create((byte)' ')), skip, at);
            var isUnderscore = Vector128.Equals(v, Vector128.Create((byte)'_'));
            token |= Place(isUnderscore, skip, at);

            // Classes whose positions no shape needs: one byte of flags per position, OR-ed over the whole value.
            var hexLetter = InRange(v | Vector128.Create((byte)0x20), 'a', 'f');
            rare |= (Vector128.Equals(v, Vector128.Create((byte)'@')) & Vector128.Create((byte)RareAt))
                | (isUnderscore & Vector128.Create((byte)RareUnderscore))
                | (Vector128.AndNot(isUpper | isLower, hexLetter) & Vector128.Create((byte)RareNonHexLetter))
                | (Vector128.ShiftRightLogical(v, 4) & Vector128.Create((byte)RareNonAscii));
        }

        var digits = BitOperations.PopCount(digit);
        var letters = upper | lower;
        token |= digit | letters | dash;
        var facts = Present(digit, TextFacts.Digit) | Present(upper, TextFacts.Upper) | Present(lower, TextFacts.Lower)
            | Present(dot, TextFacts.Dot) | Present(colon, TextFacts.Colon) | Present(plus, TextFacts.Plus)
            | Present(dash, TextFacts.Dash) | RareFacts(rare);
        return facts | Shapes(length, digits, digit, upper, lower, dot, colon, plus, dash, space, token);
    }

    private const byte RareAt = 1;
    private const byte RareUnderscore = 2;
    private const byte RareNonHexLetter = 4;
    private const byte RareNonAscii = 8;

    private static TextFacts RareFacts(Vector128<byte> rare)
    {
        var folded = rare | Vector128.Shuffle(rare, Vector128.Create((byte)8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7));
        var flags = folded.AsUInt64().ToScalar();
        flags |= flags >> 32;
        flags |= flags >> 16;
        flags |= flags >> 8;
        return ((flags & RareAt) != 0 ? TextFacts.At : 0)
            | ((flags & RareUnderscore) != 0 ? TextFacts.Underscore : 0)
            | ((flags & RareNonHexLetter) != 0 ? TextFacts.NonHexLetter : 0)
            | ((flags & RareNonAscii) != 0 ? TextFacts.NonAscii : 0);
    }

    /// <summary>A value shorter than sixteen bytes, zero-padded.</summary>
    private static Vector128<byte> LoadShort(ReadOnlySpan<byte> text)
    {
        ulong low;
        ulong high = 0;
        var n = text.Length;
        if (n >= 8)
        {
            // Two overlapping reads; the second loses the bytes the first already has.
            low = BinaryPrimitives.ReadUInt64LittleEndian(text);
            high = BinaryPrimitives.ReadUInt64LittleEndian(text[(n - 8)..]) >> ((16 - n) * 8);
        }
        else if (n >= 4)
        {
            low = BinaryPrimitives.ReadUInt32LittleEndian(text)
                | ((ulong)(BinaryPrimitives.ReadUInt32LittleEndian(text[(n - 4)..]) >> ((8 - n) * 8)) << 32);
        }
        else
        {
            low = 0;
            for (var i = 0; i < n; i++)
            {
                low |= (ulong)text[i] << (i * 8);
            }
        }

        return Vector128.Create(low, high).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> InRange(Vector128<byte> v, char first, char last) =>
        Vector128.LessThanOrEqual(v - Vector128.Create((byte)first), Vector128.Create((byte)(last - first)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Place(Vector128<byte> matches, int skip, int at) => (ulong)(matches.ExtractMostSignificantBits() >> skip) << at;

    private static TextFacts Present(ulong mask, TextFacts fact) => mask != 0 ? fact : TextFacts.None;
}

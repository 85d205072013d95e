using System.Numerics;
using System.Runtime.Intrinsics;

namespace Hoop.Policy.Masking.Detectors;

/// <summary>
/// What one pass over a value learned about it: which byte classes occur and how many digits. Detectors use it to skip
/// values that cannot contain what they look for, so most values cost one table lookup per byte and nothing more.
/// </summary>
internal readonly struct TextProfile
{
    private TextProfile(int length, int digits, ByteClass classes)
    {
        Length = length;
        Digits = digits;
        Classes = classes;
    }

    public int Length { get; }

    public int Digits { get; }

    public ByteClass Classes { get; }

    public bool Has(ByteClass classes) => (Classes & classes) == classes;

    public bool HasAny(ByteClass classes) => (Classes & classes) != 0;

    public static TextProfile Of(ReadOnlySpan<byte> text)
    {
        var classes = ByteClass.None;
        var digits = 0;
        var i = 0;
        if (Vector128.IsHardwareAccelerated && text.Length >= Vector128<byte>.Count)
        {
            i = OfBlocks(text, ref classes, ref digits);
        }

        foreach (var b in text[i..])
        {
            var c = ByteClasses.Of(b);
            classes |= c;
            digits += (int)(c & ByteClass.Digit);
        }

        return new TextProfile(text.Length, digits, classes);
    }

    /// <summary>The same classification sixteen bytes at a time; returns how many bytes it covered.</summary>
    private static int OfBlocks(ReadOnlySpan<byte> text, ref ByteClass classes, ref int digits)
    {
        var digit = Vector128<byte>.Zero;
        var upper = Vector128<byte>.Zero;
        var lower = Vector128<byte>.Zero;
        var at = Vector128<byte>.Zero;
        var dot = Vector128<byte>.Zero;
        var colon = Vector128<byte>.Zero;
        var plus = Vector128<byte>.Zero;
        var dash = Vector128<byte>.Zero;
        var underscore = Vector128<byte>.Zero;
        var nonAscii = Vector128<byte>.Zero;
        var i = 0;
        for (; i + Vector128<byte>.Count <= text.Length; i += Vector128<byte>.Count)
        {
            var v = Vector128.Create(text.Slice(i, Vector128<byte>.Count));
            var d = Vector128.LessThanOrEqual(v - Vector128.Create((byte)'0'), Vector128.Create((byte)9));
            digits += BitOperations.PopCount(d.ExtractMostSignificantBits());
            digit |= d;
            upper |= Vector128.LessThanOrEqual(v - Vector128.Create((byte)'A'), Vector128.Create((byte)('Z' - 'A')));
            lower |= Vector128.LessThanOrEqual(v - Vector128.Create((byte)'a'), Vector128.Create((byte)('z' - 'a')));
            at |= Vector128.Equals(v, Vector128.Create((byte)'@'));
            dot |= Vector128.Equals(v, Vector128.Create((byte)'.'));
            colon |= Vector128.Equals(v, Vector128.Create((byte)':'));
            plus |= Vector128.Equals(v, Vector128.Create((byte)'+'));
            dash |= Vector128.Equals(v, Vector128.Create((byte)'-'));
            underscore |= Vector128.Equals(v, Vector128.Create((byte)'_'));
            nonAscii |= v;
        }

        classes |= (digit != Vector128<byte>.Zero ? ByteClass.Digit : 0)
            | (upper != Vector128<byte>.Zero ? ByteClass.Upper : 0)
            | (lower != Vector128<byte>.Zero ? ByteClass.Lower : 0)
            | (at != Vector128<byte>.Zero ? ByteClass.At : 0)
            | (dot != Vector128<byte>.Zero ? ByteClass.Dot : 0)
            | (colon != Vector128<byte>.Zero ? ByteClass.Colon : 0)
            | (plus != Vector128<byte>.Zero ? ByteClass.Plus : 0)
            | (dash != Vector128<byte>.Zero ? ByteClass.Dash : 0)
            | (underscore != Vector128<byte>.Zero ? ByteClass.Underscore : 0)
            | (nonAscii.ExtractMostSignificantBits() != 0 ? ByteClass.NonAscii : 0);
        return i;
    }
}

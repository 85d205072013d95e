using System.Numerics;
using System.Runtime.Intrinsics;

namespace Hoop.Policy.Masking.Detectors;

/// <summary>
/// What one pass over a value learned about it: its <see cref="TextFacts"/>. Detectors name
/// the facts they need, so most values are ruled out for every detector by one vector pass and a few mask tests.
/// </summary>
/// <remarks>
/// Values of 16 to 64 bytes get exact shape facts from per-position bit masks (<see cref="ShortTextFacts"/>). Other values
/// first get their byte classes from a table, and each shape fact stands in for the byte classes, digit count and length
/// that the shape needs; a value shorter than 16 bytes that might have a shape then gets the exact facts too, and longer
/// values leave it to the detectors' own scans.
/// </remarks>
internal readonly struct TextProfile
{
    private TextProfile(int length, TextFacts facts)
    {
        Length = length;
        Facts = facts;
    }

    public int Length { get; }

    public TextFacts Facts { get; }

    public bool Has(TextFacts facts) => (Facts & facts) == facts;

    private const int DotBit = 4;
    private const int ColonBit = 5;

    /// <summary>What the table pass counts: an IPv4 address needs three dots, an IPv6 one two colons.</summary>
    private struct Counts
    {
        public int Digits;
        public int Dots;
        public int Colons;
    }

    public static TextProfile Of(ReadOnlySpan<byte> text)
    {
        var exact = text.Length <= ShortTextFacts.MaxLength && Vector128.IsHardwareAccelerated;
        if (exact && text.Length >= Vector128<byte>.Count)
        {
            return new TextProfile(text.Length, ShortTextFacts.Of(text));
        }

        // Most short values (ids, names, flags, amounts) cannot have any shape, and a table pass tells so more cheaply
        // than assembling a vector from fewer than sixteen bytes.
        var profile = OfClasses(text);
        return exact && (profile.Facts & TextFacts.Rare) != 0
            ? new TextProfile(text.Length, ShortTextFacts.Of(text))
            : profile;
    }

    private static TextFacts SizeFacts(int length) =>
        (length >= 6 ? TextFacts.AtLeast6Bytes : 0)
        | (length >= 15 ? TextFacts.AtLeast15Bytes : 0)
        | (length >= 16 ? TextFacts.AtLeast16Bytes : 0);

    private static TextProfile OfClasses(ReadOnlySpan<byte> text)
    {
        var classes = ByteClass.None;
        var counts = default(Counts);
        var i = 0;
        if (Vector128.IsHardwareAccelerated && text.Length >= Vector128<byte>.Count)
        {
            i = OfBlocks(text, ref classes, ref counts);
        }

        foreach (var b in text[i..])
        {
            var c = (int)ByteClasses.Of(b);
            classes |= (ByteClass)c;
            counts.Digits += c & (int)ByteClass.Digit;
            counts.Dots += (c >> DotBit) & 1;
            counts.Colons += (c >> ColonBit) & 1;
        }

        var facts = (TextFacts)(ulong)classes;
        return new TextProfile(text.Length, facts | SizeFacts(text.Length) | ShapesFromClasses(facts, counts, text.Length));
    }

    /// <summary>Each shape as far as the byte classes, digit count and length allow.</summary>
    private static TextFacts ShapesFromClasses(TextFacts classes, in Counts counts, int length)
    {
        var digits = counts.Digits;
        var facts = TextFacts.None;
        bool Has(TextFacts c) => (classes & c) == c;
        if ((classes & (TextFacts.Upper | TextFacts.Lower)) != 0)
        {
            facts |= TextFacts.NonHexLetter;
            facts |= length >= 15 ? TextFacts.UpperKeyShape | TextFacts.LowerKeyShape | TextFacts.SlackTokenShape | TextFacts.DashRun5 : 0;
            facts |= length >= 16 ? TextFacts.JwtShape : 0;
        }

        facts |= digits >= 13 ? TextFacts.CardShape : 0;
        facts |= digits >= 9 && Has(TextFacts.Dash) ? TextFacts.SsnShape : 0;
        facts |= digits >= 8 && Has(TextFacts.Plus) ? TextFacts.PhoneShape : 0;
        facts |= digits >= 4 && Has(TextFacts.Upper) ? TextFacts.IbanShape : 0;
        facts |= digits >= 4 && counts.Dots >= 3 ? TextFacts.Ipv4Shape : 0;
        facts |= counts.Colons >= 2 ? TextFacts.Ipv6Shape : 0;
        return facts;
    }

    /// <summary>The byte classes sixteen bytes at a time; returns how many bytes it covered.</summary>
    private static int OfBlocks(ReadOnlySpan<byte> text, ref ByteClass classes, ref Counts counts)
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
            counts.Digits += BitOperations.PopCount(d.ExtractMostSignificantBits());
            digit |= d;
            upper |= Vector128.LessThanOrEqual(v - Vector128.Create((byte)'A'), Vector128.Create((byte)('Z' - 'A')));
            lower |= Vector128.LessThanOrEqual(v - Vector128.Create((byte)'a'), Vector128.Create((byte)('z' - 'a')));
            at |= Vector128.Equals(v, Vector128.Create((byte)'@'));
            var isDot = Vector128.Equals(v, Vector128.Create((byte)'.'));
            var isColon = Vector128.Equals(v, Vector128.Create((byte)':'));
            counts.Dots += BitOperations.PopCount(isDot.ExtractMostSignificantBits());
            counts.Colons += BitOperations.PopCount(isColon.ExtractMostSignificantBits());
            dot |= isDot;
            colon |= isColon;
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

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Hoop.Policy.Masking.Detectors;

/// <summary>Classes of single bytes that detectors and their prefilters test; bytes of 0x80 and above are never ASCII classes.</summary>
[Flags]
internal enum ByteClass : ushort
{
    None = 0,
    Digit = 1,
    Upper = 1 << 1,
    Lower = 1 << 2,
    At = 1 << 3,
    Dot = 1 << 4,
    Colon = 1 << 5,
    Plus = 1 << 6,
    Dash = 1 << 7,
    Underscore = 1 << 8,
    NonAscii = 1 << 9,
}

/// <summary>Table lookups for <see cref="ByteClass"/> and the character sets detectors scan over.</summary>
internal static class ByteClasses
{
    private static readonly ByteClass[] Table = Build();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ByteClass Of(byte b) => Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Table), b);

    public static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    public static bool IsUpper(byte b) => (uint)(b - 'A') <= 'Z' - 'A';

    public static bool IsLower(byte b) => (uint)(b - 'a') <= 'z' - 'a';

    public static bool IsLetter(byte b) => (uint)((b | 0x20) - 'a') <= 'z' - 'a';

    public static bool IsAlnum(byte b) => IsDigit(b) || IsLetter(b);

    public static bool IsHex(byte b) => IsDigit(b) || (uint)((b | 0x20) - 'a') <= 'f' - 'a';

    /// <summary>The base64url alphabet, which is also the character set of most API tokens.</summary>
    public static bool IsBase64Url(byte b) => IsAlnum(b) || b is (byte)'-' or (byte)'_';

    private static ByteClass[] Build()
    {
        var table = new ByteClass[256];
        for (var b = 0; b < 256; b++)
        {
            table[b] = b switch
            {
                >= '0' and <= '9' => ByteClass.Digit,
                >= 'A' and <= 'Z' => ByteClass.Upper,
                >= 'a' and <= 'z' => ByteClass.Lower,
                '@' => ByteClass.At,
                '.' => ByteClass.Dot,
                ':' => ByteClass.Colon,
                '+' => ByteClass.Plus,
                '-' => ByteClass.Dash,
                '_' => ByteClass.Underscore,
                >= 0x80 => ByteClass.NonAscii,
                _ => ByteClass.None,
            };
        }

        return table;
    }
}

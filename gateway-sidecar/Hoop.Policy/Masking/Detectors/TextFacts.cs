namespace Hoop.Policy.Masking.Detectors;

/// <summary>
/// What a <see cref="TextProfile"/> knows about a value: its byte classes (the low bits, as <see cref="ByteClass"/>), size
/// thresholds, and shapes that detectors need somewhere in the value. A shape fact is a necessary condition, never a
/// finding: when it is absent the detectors that need it cannot find anything, so they are not run at all.
/// </summary>
[Flags]
internal enum TextFacts : ulong
{
    None = 0,
    Digit = ByteClass.Digit,
    Upper = ByteClass.Upper,
    Lower = ByteClass.Lower,
    At = ByteClass.At,
    Dot = ByteClass.Dot,
    Colon = ByteClass.Colon,
    Plus = ByteClass.Plus,
    Dash = ByteClass.Dash,
    Underscore = ByteClass.Underscore,
    NonAscii = ByteClass.NonAscii,

    /// <summary>An ASCII letter outside a-f: every API-key prefix and JWT header has one, a hex string or UUID has none.</summary>
    NonHexLetter = 1UL << 16,
    AtLeast6Bytes = 1UL << 17,
    AtLeast15Bytes = 1UL << 18,
    AtLeast16Bytes = 1UL << 19,

    /// <summary>13 or more digits in one run of digit groups joined by single spaces or dashes.</summary>
    CardShape = 1UL << 24,

    /// <summary>Digits and dashes laid out as <c>ddd-dd-dddd</c>.</summary>
    SsnShape = 1UL << 25,

    /// <summary>A '+' followed by eight digits.</summary>
    PhoneShape = 1UL << 26,

    /// <summary>Two upper-case letters and two digits, not glued to a letter or digit on the left.</summary>
    IbanShape = 1UL << 27,

    /// <summary>Three or more digit-dot-digit triples.</summary>
    Ipv4Shape = 1UL << 28,

    /// <summary>Six or more colons, or two in a row.</summary>
    Ipv6Shape = 1UL << 29,

    /// <summary>20 base64url bytes in a row, the first two upper-case letters (AKIA, ASIA, AIza keys).</summary>
    UpperKeyShape = 1UL << 30,

    /// <summary>20 base64url bytes in a row, the first two lower-case letters (GitHub and Stripe keys).</summary>
    LowerKeyShape = 1UL << 31,

    /// <summary>15 base64url bytes in a row, four lower-case letters and a dash first (Slack tokens).</summary>
    SlackTokenShape = 1UL << 33,

    /// <summary>Five dashes in a row, as a PEM boundary line starts.</summary>
    DashRun5 = 1UL << 32,

    /// <summary>Two lower-case letters and an upper-case one starting 12 base64url bytes, the shortest JWT header.</summary>
    JwtShape = 1UL << 34,

    /// <summary>The facts most values lack: every detector needs one of them, so a value with none is ruled out at once.</summary>
    Rare = At | CardShape | SsnShape | PhoneShape | IbanShape | Ipv4Shape | Ipv6Shape | UpperKeyShape | LowerKeyShape
        | SlackTokenShape | DashRun5 | JwtShape,
}

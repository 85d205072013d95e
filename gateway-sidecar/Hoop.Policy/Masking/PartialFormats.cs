using System.Buffers;
using System.Text;
using Hoop.Api.V1Alpha1;
using Hoop.Policy.Masking.Detectors;

namespace Hoop.Policy.Masking;

/// <summary>
/// What the partial strategy keeps of a value. Email: the first character of the local part and the domain
/// (<c>j***@example.com</c>). Card: the last four digits (<c>**** **** **** 4242</c>). SSN: the serial
/// (<c>***-**-6789</c>). IBAN: the country code and the last four characters, one <c>****</c> per hidden group
/// (<c>DE** **** **** **** **** 3000</c>). Phone: the plus sign and the last four digits, one <c>*</c> per hidden digit
/// (<c>+*******0123</c>). Anything else: <c>****</c> and the last four characters when the value has more than eight,
/// else just <c>****</c>.
/// </summary>
internal static class PartialFormats
{
    private const int Kept = 4;
    private const int ShortValue = 8;

    public static void Write(ReadOnlySpan<byte> value, DetectorType? type, IBufferWriter<byte> output)
    {
        switch (type)
        {
            case DetectorType.Email:
                WriteEmail(value, output);
                break;
            case DetectorType.CreditCard:
                output.Write("**** **** **** "u8);
                WriteLastDigits(value, output);
                break;
            case DetectorType.UsSsn:
                output.Write("***-**-"u8);
                output.Write(value[^Kept..]);
                break;
            case DetectorType.Iban:
                WriteIban(value, output);
                break;
            case DetectorType.Phone:
                output.Write("+"u8);
                var hidden = value.Length - 1 - Kept;
                for (var i = 0; i < hidden; i++)
                {
                    output.Write("*"u8);
                }

                output.Write(value[^Kept..]);
                break;
            default:
                WriteGeneric(value, output);
                break;
        }
    }

    /// <summary>
    /// Keeps the last four characters (whole UTF-8 sequences) of a value longer than eight characters. A value that is
    /// not valid UTF-8 at its end is masked fully rather than risk cutting a character.
    /// </summary>
    public static void WriteGeneric(ReadOnlySpan<byte> value, IBufferWriter<byte> output)
    {
        output.Write("****"u8);
        var tailStart = value.Length;
        for (var kept = 0; kept < Kept; kept++)
        {
            if (Rune.DecodeLastFromUtf8(value[..tailStart], out _, out var consumed) != OperationStatus.Done)
            {
                return;
            }

            tailStart -= consumed;
        }

        if (tailStart > 0 && HasMoreThan(value[..tailStart], ShortValue - Kept))
        {
            output.Write(value[tailStart..]);
        }
    }

    private static bool HasMoreThan(ReadOnlySpan<byte> utf8, int characters)
    {
        var count = 0;
        while (!utf8.IsEmpty)
        {
            Rune.DecodeFromUtf8(utf8, out _, out var consumed);
            utf8 = utf8[consumed..];
            if (++count > characters)
            {
                return true;
            }
        }

        return false;
    }

    private static void WriteEmail(ReadOnlySpan<byte> value, IBufferWriter<byte> output)
    {
        var at = value.LastIndexOf((byte)'@');
        if (Rune.DecodeFromUtf8(value, out _, out var first) == OperationStatus.Done && first < at)
        {
            output.Write(value[..first]);
        }
        else
        {
            output.Write("*"u8);
        }

        output.Write("***"u8);
        output.Write(value[at..]);
    }

    private static void WriteLastDigits(ReadOnlySpan<byte> value, IBufferWriter<byte> output)
    {
        Span<byte> last = stackalloc byte[Kept];
        var n = Kept;
        for (var i = value.Length - 1; i >= 0 && n > 0; i--)
        {
            if (ByteClasses.IsDigit(value[i]))
            {
                last[--n] = value[i];
            }
        }

        output.Write(last[n..]);
    }

    private static void WriteIban(ReadOnlySpan<byte> value, IBufferWriter<byte> output)
    {
        Span<byte> iban = stackalloc byte[64];
        var length = IbanDetector.Normalize(value, iban);
        output.Write(iban[..2]);
        output.Write("**"u8);
        var groups = (length - 8 + 3) / 4;
        for (var g = 0; g < groups; g++)
        {
            output.Write(" ****"u8);
        }

        output.Write(" "u8);
        output.Write(iban[(length - Kept)..length]);
    }
}

using System.Globalization;
using System.Text;

namespace Hoop.Policy.Shell;

/// <summary>Decodes the body of <c>$'...'</c> quoting the way bash does, so <c>$'\x72m'</c> is seen as <c>rm</c>.</summary>
internal static class AnsiCString
{
    /// <summary>
    /// Reads from <paramref name="pos"/> (just after <c>$'</c>) to the closing quote, which is consumed.
    /// A NUL (<c>\0</c>, <c>\x00</c>) ends the value, as it ends a C string in the shell.
    /// </summary>
    public static string Read(string text, ref int pos, out bool closed)
    {
        var sb = new StringBuilder();
        var truncated = false;
        closed = false;
        while (pos < text.Length)
        {
            var c = text[pos];
            if (c == '\'')
            {
                pos++;
                closed = true;
                break;
            }

            if (c != '\\' || pos + 1 >= text.Length)
            {
                Append(sb, c, ref truncated);
                pos++;
                continue;
            }

            var e = text[pos + 1];
            pos += 2;
            switch (e)
            {
                case 'a': Append(sb, '\a', ref truncated); break;
                case 'b': Append(sb, '\b', ref truncated); break;
                case 'e' or 'E': Append(sb, '\u001b', ref truncated); break;
                case 'f': Append(sb, '\f', ref truncated); break;
                case 'n': Append(sb, '\n', ref truncated); break;
                case 'r': Append(sb, '\r', ref truncated); break;
                case 't': Append(sb, '\t', ref truncated); break;
                case 'v': Append(sb, '\v', ref truncated); break;
                case 'c' when pos < text.Length:
                    Append(sb, (char)(text[pos++] & 0x1f), ref truncated);
                    break;
                case >= '0' and <= '7':
                    var octal = e - '0';
                    for (var n = 0; n < 2 && pos < text.Length && text[pos] is >= '0' and <= '7'; n++)
                    {
                        octal = (octal * 8) + (text[pos++] - '0');
                    }

                    Append(sb, (char)(octal & 0xff), ref truncated);
                    break;
                case 'x':
                    AppendHex(sb, text, ref pos, 2, e, ref truncated);
                    break;
                case 'u':
                    AppendHex(sb, text, ref pos, 4, e, ref truncated);
                    break;
                case 'U':
                    AppendHex(sb, text, ref pos, 8, e, ref truncated);
                    break;
                default:
                    // \\, \', \" and \? stand for themselves; any other escape keeps its backslash.
                    if (e is not ('\\' or '\'' or '"' or '?'))
                    {
                        Append(sb, '\\', ref truncated);
                    }

                    Append(sb, e, ref truncated);
                    break;
            }
        }

        return sb.ToString();
    }

    private static void AppendHex(StringBuilder sb, string text, ref int pos, int maxDigits, char escape, ref bool truncated)
    {
        var start = pos;
        while (pos < text.Length && pos - start < maxDigits && char.IsAsciiHexDigit(text[pos]))
        {
            pos++;
        }

        if (pos == start)
        {
            Append(sb, '\\', ref truncated);
            Append(sb, escape, ref truncated);
            return;
        }

        var code = long.Parse(text.AsSpan(start, pos - start), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        if (code == 0)
        {
            truncated = true;
        }
        else if (code is <= 0x10FFFF and not (>= 0xD800 and <= 0xDFFF))
        {
            if (!truncated)
            {
                sb.Append(char.ConvertFromUtf32((int)code));
            }
        }
        else
        {
            Append(sb, '\uFFFD', ref truncated);
        }
    }

    private static void Append(StringBuilder sb, char c, ref bool truncated)
    {
        if (c == '\0')
        {
            truncated = true;
        }

        if (!truncated)
        {
            sb.Append(c);
        }
    }
}

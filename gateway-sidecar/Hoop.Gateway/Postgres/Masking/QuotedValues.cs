using System.Buffers;

namespace Hoop.Gateway.Postgres.Masking;

/// <summary>
/// The values PostgreSQL quotes in its error and notice texts: <c>invalid input syntax for type integer: "alice@example.com"</c>,
/// <c>Key (email)=(alice@example.com) already exists.</c>. For a statement that names a masked column they are
/// replaced by <c>[REDACTED]</c> whatever they hold, since the server may quote any value of the row. Values hold any
/// character, quotes included, so a text is redacted from its first quote to its last.
/// </summary>
internal static class QuotedValues
{
    private static ReadOnlySpan<byte> Marker => "[REDACTED]"u8;

    /// <summary>The text with every quoted value redacted (for the replay log, which keeps the server's error text).</summary>
    public static string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var output = new ArrayBufferWriter<byte>(text.Length + 16);
        return Redact(System.Text.Encoding.UTF8.GetBytes(text), output) ? System.Text.Encoding.UTF8.GetString(output.WrittenSpan) : text;
    }

    /// <summary>Writes <paramref name="text"/> with every <c>"..."</c> and <c>=(...)</c> content redacted; returns whether anything was.</summary>
    public static bool Redact(ReadOnlySpan<byte> text, IBufferWriter<byte> output)
    {
        var changed = false;
        var i = 0;
        while (i < text.Length)
        {
            var (open, close) = text[i] switch
            {
                (byte)'"' => (1, (byte)'"'),
                (byte)'=' when i + 1 < text.Length && text[i + 1] == '(' => (2, (byte)')'),
                _ => (0, (byte)0),
            };
            if (open == 0)
            {
                output.Write(text.Slice(i, 1));
                i++;
                continue;
            }

            // The server does not escape quotes inside a value, so everything up to the last closing quote is redacted;
            // an unclosed quote redacts to the end.
            var length = text[(i + open)..].LastIndexOf(close);
            output.Write(text.Slice(i, open));
            output.Write(Marker);
            changed = true;
            if (length < 0)
            {
                return true;
            }

            output.Write([close]);
            i += open + length + 1;
        }

        return changed;
    }
}

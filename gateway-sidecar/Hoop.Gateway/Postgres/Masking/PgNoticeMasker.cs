using System.Buffers;
using Hoop.Gateway.Postgres.Protocol;
using Hoop.Policy.Masking;

namespace Hoop.Gateway.Postgres.Masking;

/// <summary>
/// Masks what the content detectors find in the text of an ErrorResponse or NoticeResponse. PostgreSQL quotes row
/// values in them (<c>Key (email)=(alice@example.com) already exists.</c>), so they leak what result masking hides.
/// Every field is kept, in order; only the text of the free-text fields can change.
/// </summary>
internal sealed class PgNoticeMasker(MaskingEngine engine)
{
    private const string MessageName = "ErrorResponse/NoticeResponse";

    /// <summary>Whether no detector is on, so the session can forward notices and errors untouched.</summary>
    public bool PassesThrough => !engine.HasDetectors;

    /// <summary>
    /// Writes the ErrorResponse or NoticeResponse (<paramref name="type"/>) whose body is <paramref name="body"/> as a
    /// whole message, masked. Returns whether any field changed.
    /// </summary>
    public bool WriteMasked(ReadOnlySequence<byte> body, byte type, IBufferWriter<byte> output) => WriteMasked(body, type, output, redactQuoted: false);

    /// <summary>
    /// As <see cref="WriteMasked(ReadOnlySequence{byte}, byte, IBufferWriter{byte})"/>; with <paramref name="redactQuoted"/>
    /// every value the server quotes is redacted too (<see cref="QuotedValues"/>), for a statement that names a masked column.
    /// </summary>
    public bool WriteMasked(ReadOnlySequence<byte> body, byte type, IBufferWriter<byte> output, bool redactQuoted)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (type is not (BackendMessageType.ErrorResponse or BackendMessageType.NoticeResponse))
        {
            throw new ArgumentException($"Only ErrorResponse and NoticeResponse carry notice fields, not '{(char)type}'.", nameof(type));
        }

        using var masked = new PooledByteWriter();
        var changed = false;
        var reader = new PgBodyReader(body, MessageName);
        while (true)
        {
            var code = reader.ReadByte();
            masked.Write([code]);
            if (code == 0)
            {
                break;
            }

            changed |= WriteField(code, reader.ReadStringBytes(), masked, redactQuoted);
            masked.Write([(byte)0]);
        }

        reader.ExpectEnd();
        if (!changed)
        {
            new PgMessage(type, body).WriteTo(output);
            return false;
        }

        var frame = PgFrame.Typed(output, type, masked.WrittenCount);
        frame.WriteBytes(masked.WrittenSpan);
        frame.Commit();
        return true;
    }

    private bool WriteField(byte code, ReadOnlySequence<byte> text, IBufferWriter<byte> output, bool redactQuoted)
    {
        if (!IsFreeText(code) || text.IsEmpty)
        {
            WriteAll(text, output);
            return false;
        }

        if (text.IsSingleSegment)
        {
            return MaskOrCopy(text.FirstSpan, output, redactQuoted);
        }

        var length = (int)text.Length;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            text.CopyTo(rented);
            return MaskOrCopy(rented.AsSpan(0, length), output, redactQuoted);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private bool MaskOrCopy(ReadOnlySpan<byte> text, IBufferWriter<byte> output, bool redactQuoted)
    {
        if (redactQuoted)
        {
            using var redacted = new PooledByteWriter();
            if (QuotedValues.Redact(text, redacted))
            {
                if (!engine.TryMask(redacted.WrittenSpan, output))
                {
                    output.Write(redacted.WrittenSpan);
                }

                return true;
            }
        }

        if (engine.TryMask(text, output))
        {
            return true;
        }

        output.Write(text);
        return false;
    }

    private static void WriteAll(ReadOnlySequence<byte> text, IBufferWriter<byte> output)
    {
        foreach (var segment in text)
        {
            output.Write(segment.Span);
        }
    }

    /// <summary>
    /// The fields the server fills from its own vocabulary (severity, SQLSTATE, positions, source location) cannot
    /// hold a value; every other field, known today or added later, is treated as text that might.
    /// </summary>
    private static bool IsFreeText(byte code) => code is not (PgNoticeField.Severity or PgNoticeField.SeverityNonLocalized
        or PgNoticeField.SqlState or PgNoticeField.Position or PgNoticeField.InternalPosition or PgNoticeField.File
        or PgNoticeField.Line or PgNoticeField.Routine);
}

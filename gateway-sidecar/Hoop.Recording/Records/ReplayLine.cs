using System.Text.Json;

namespace Hoop.Recording.Records;

/// <summary>
/// One line of a log, parsed: the record plus the chain fields exactly as written (<c>prev</c>, and <c>time</c>,
/// which a checkpoint's signature covers in its written spelling).
/// </summary>
internal sealed record ReplayLine(long Seq, string Prev, string TimeText, DateTimeOffset Time, ReplayRecord Record)
{
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false, MaxDepth = 8 };

    public ReplayEntry ToEntry() => new(Seq, Time, Record);

    /// <summary>Parses a line (without its newline); on failure says what is wrong instead of throwing.</summary>
    public static bool TryParse(ReadOnlyMemory<byte> line, out ReplayLine? parsed, out string problem)
    {
        parsed = null;
        // The writer emits compact objects; anything around them would be bytes no hash or signature covers.
        if (line.Length < 2 || line.Span[0] != (byte)'{' || line.Span[^1] != (byte)'}')
        {
            problem = "the line is not a single JSON object";
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(line, Strict);
            parsed = Read(document.RootElement);
            problem = "";
            return true;
        }
        catch (JsonException)
        {
            problem = "the line is not valid JSON";
        }
        catch (InvalidOperationException)
        {
            problem = "the line holds text that is not valid UTF-8";
        }
        catch (InvalidDataException e)
        {
            problem = e.Message;
        }

        return false;
    }

    private static ReplayLine Read(JsonElement line)
    {
        var seq = RecordFields.OptionalInt64(line, "seq") ?? throw new InvalidDataException("field 'seq' is missing");
        var prev = RecordFields.String(line, "prev");
        var timeText = RecordFields.String(line, "time");
        if (!RecordTime.TryParse(timeText, out var time))
        {
            throw new InvalidDataException("field 'time' is not an RFC 3339 UTC time with seven fractional digits");
        }

        var type = RecordFields.String(line, "type");
        ReplayRecord record = type switch
        {
            SessionStartRecord.TypeName => SessionStartRecord.Read(line),
            StatementRecord.TypeName => StatementRecord.Read(line),
            ApprovalRecord.TypeName => ApprovalRecord.Read(line),
            ResultRecord.TypeName => ResultRecord.Read(line),
            ErrorRecord.TypeName => ErrorRecord.Read(line),
            SessionEndRecord.TypeName => SessionEndRecord.Read(line),
            CheckpointRecord.TypeName => CheckpointRecord.Read(line),
            _ => throw new InvalidDataException($"type '{type}' is not a record type"),
        };
        return new(seq, prev, timeText, time, record);
    }
}

using System.Text.Json;

namespace Hoop.Recording.Records;

/// <summary>How a statement ended on the target: its command tag, rows returned or affected, and how long it ran.</summary>
public sealed record ResultRecord(int StatementId, string? CommandTag, long? RowsReturned, long? RowsAffected, TimeSpan Duration)
    : ReplayRecord
{
    internal const string TypeName = "result";

    internal override string Type => TypeName;

    internal override ReplayRecord Masked(Func<string, string> mask) => this;

    internal override void WriteFields(Utf8JsonWriter writer)
    {
        writer.WriteNumber("statementId", StatementId);
        writer.WriteString("commandTag", CommandTag);
        WriteOptional(writer, "rowsReturned", RowsReturned);
        WriteOptional(writer, "rowsAffected", RowsAffected);
        // Microsecond resolution is what a replay view shows; fixed rounding keeps the written number short.
        writer.WriteNumber("durationMs", Math.Round(Duration.TotalMilliseconds, 3));
    }

    internal static ResultRecord Read(JsonElement record) => new(
        RecordFields.Int32(record, "statementId"),
        RecordFields.OptionalString(record, "commandTag"),
        RecordFields.OptionalInt64(record, "rowsReturned"),
        RecordFields.OptionalInt64(record, "rowsAffected"),
        DurationFromMilliseconds(RecordFields.Double(record, "durationMs")));

    private static TimeSpan DurationFromMilliseconds(double milliseconds) =>
        double.IsFinite(milliseconds) && Math.Abs(milliseconds) < TimeSpan.MaxValue.TotalMilliseconds
            ? TimeSpan.FromTicks((long)Math.Round(milliseconds * TimeSpan.TicksPerMillisecond))
            : throw new InvalidDataException("field 'durationMs' is out of range");

    private static void WriteOptional(Utf8JsonWriter writer, string name, long? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}

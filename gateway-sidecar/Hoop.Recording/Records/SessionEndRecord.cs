using System.Text.Json;

namespace Hoop.Recording.Records;

/// <summary>Why the session ended and how many statements it recorded; only the final checkpoint may follow it.</summary>
public sealed record SessionEndRecord(string Reason, int Statements) : ReplayRecord
{
    internal const string TypeName = "session-end";

    internal override string Type => TypeName;

    internal override ReplayRecord Masked(Func<string, string> mask) => this with { Reason = mask(Reason) };

    internal override void WriteFields(Utf8JsonWriter writer)
    {
        writer.WriteString("reason", Reason);
        writer.WriteNumber("statements", Statements);
    }

    internal static SessionEndRecord Read(JsonElement record) =>
        new(RecordFields.String(record, "reason"), RecordFields.Int32(record, "statements"));
}

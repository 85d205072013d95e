using System.Text.Json;

namespace Hoop.Recording.Records;

/// <summary>An error the client saw: from the target (with its code, e.g. a SQLSTATE) or from the gateway itself.</summary>
public sealed record ErrorRecord(int? StatementId, string? Code, string Message) : ReplayRecord
{
    internal const string TypeName = "error";

    internal override string Type => TypeName;

    internal override ReplayRecord Masked(Func<string, string> mask) => this with { Message = mask(Message) };

    internal override void WriteFields(Utf8JsonWriter writer)
    {
        if (StatementId is { } id)
        {
            writer.WriteNumber("statementId", id);
        }
        else
        {
            writer.WriteNull("statementId");
        }

        writer.WriteString("code", Code);
        writer.WriteString("message", Message);
    }

    internal static ErrorRecord Read(JsonElement record) => new(
        RecordFields.OptionalInt32(record, "statementId"),
        RecordFields.OptionalString(record, "code"),
        RecordFields.String(record, "message"));
}

using System.Text.Json;

namespace Hoop.Recording.Records;

/// <summary>A statement (or command, or request) the client sent, as classified, and what policy decided.</summary>
public sealed record StatementRecord(int StatementId, string Text, string Kind, IReadOnlyList<string> Tables, PolicyDecision Decision)
    : ReplayRecord
{
    internal const string TypeName = "statement";

    internal override string Type => TypeName;

    internal override ReplayRecord Masked(Func<string, string> mask) => this with { Text = mask(Text) };

    internal override void WriteFields(Utf8JsonWriter writer)
    {
        writer.WriteNumber("statementId", StatementId);
        writer.WriteString("text", Text);
        writer.WriteString("kind", Kind);
        RecordFields.WriteStrings(writer, "tables", Tables);
        writer.WriteStartObject("decision");
        writer.WriteString("action", Decision.Action);
        writer.WriteString("policy", Decision.Policy);
        writer.WriteString("rule", Decision.Rule);
        writer.WriteEndObject();
    }

    internal static StatementRecord Read(JsonElement record)
    {
        var decision = RecordFields.Object(record, "decision");
        return new(
            RecordFields.Int32(record, "statementId"),
            RecordFields.String(record, "text"),
            RecordFields.String(record, "kind"),
            RecordFields.Strings(record, "tables"),
            new PolicyDecision(
                RecordFields.String(decision, "action"),
                RecordFields.OptionalString(decision, "policy"),
                RecordFields.OptionalString(decision, "rule")));
    }
}

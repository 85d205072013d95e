using System.Text.Json;

namespace Hoop.Recording.Records;

/// <summary>
/// The first record of every log: who connected, from where, through which Connection (<c>namespace/name</c>),
/// how they authenticated, and to what target.
/// </summary>
public sealed record SessionStartRecord(
    string SessionId,
    string Connection,
    string Protocol,
    string User,
    IReadOnlyList<string> Groups,
    string Authentication,
    string ClientAddress,
    string Target,
    string? ClientApplication) : ReplayRecord
{
    internal const string TypeName = "session-start";

    internal override string Type => TypeName;

    // The client application name is chosen by the client, so it is treated as free text.
    internal override ReplayRecord Masked(Func<string, string> mask) =>
        this with { ClientApplication = ClientApplication is null ? null : mask(ClientApplication) };

    internal override void WriteFields(Utf8JsonWriter writer)
    {
        writer.WriteString("sessionId", SessionId);
        writer.WriteString("connection", Connection);
        writer.WriteString("protocol", Protocol);
        writer.WriteString("user", User);
        RecordFields.WriteStrings(writer, "groups", Groups);
        writer.WriteString("authentication", Authentication);
        writer.WriteString("clientAddress", ClientAddress);
        writer.WriteString("target", Target);
        writer.WriteString("clientApplication", ClientApplication);
    }

    internal static SessionStartRecord Read(JsonElement record) => new(
        RecordFields.String(record, "sessionId"),
        RecordFields.String(record, "connection"),
        RecordFields.String(record, "protocol"),
        RecordFields.String(record, "user"),
        RecordFields.Strings(record, "groups"),
        RecordFields.String(record, "authentication"),
        RecordFields.String(record, "clientAddress"),
        RecordFields.String(record, "target"),
        RecordFields.OptionalString(record, "clientApplication"));
}

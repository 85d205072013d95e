using System.Text.Json;

namespace Hoop.Recording.Records;

/// <summary>
/// A signature over the chain so far: <c>head</c> is the SHA-256 of the previous line and <c>hmac</c> the keyed
/// signature described in docs/recordings.md, made with the key named <c>keyId</c>.
/// </summary>
public sealed record CheckpointRecord(string Head, string Hmac, string KeyId) : ReplayRecord
{
    internal const string TypeName = "checkpoint";

    internal override string Type => TypeName;

    internal override ReplayRecord Masked(Func<string, string> mask) => this;

    internal override void WriteFields(Utf8JsonWriter writer)
    {
        writer.WriteString("head", Head);
        writer.WriteString("hmac", Hmac);
        writer.WriteString("keyId", KeyId);
    }

    internal static CheckpointRecord Read(JsonElement record) =>
        new(RecordFields.String(record, "head"), RecordFields.String(record, "hmac"), RecordFields.String(record, "keyId"));
}

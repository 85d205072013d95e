using Google.Protobuf;

namespace Hoop.LocalKube.Protobuf;

/// <summary>One field of a Kubernetes generated.proto message: its number, its JSON name and how its value is read.</summary>
internal sealed record ProtobufField(
    int Number,
    string JsonName,
    ProtobufValueKind Kind,
    FieldCardinality Cardinality = FieldCardinality.Single,
    JsonPresence Presence = JsonPresence.OmitEmpty,
    ProtobufMessage? Message = null)
{
    /// <summary>The wire type the field arrives with: a map entry is a message; proto2 repeated scalars are not packed.</summary>
    public WireFormat.WireType WireType => Cardinality == FieldCardinality.Map ? WireFormat.WireType.LengthDelimited : ValueWireType;

    /// <summary>The wire type of one value (for a map, of the entry's value).</summary>
    public WireFormat.WireType ValueWireType =>
        Kind is ProtobufValueKind.Bool or ProtobufValueKind.Int64 ? WireFormat.WireType.Varint : WireFormat.WireType.LengthDelimited;

    public static ProtobufField String(int number, string jsonName, JsonPresence presence = JsonPresence.OmitEmpty) =>
        new(number, jsonName, ProtobufValueKind.String, Presence: presence);

    public static ProtobufField Bool(int number, string jsonName, JsonPresence presence = JsonPresence.OmitEmpty) =>
        new(number, jsonName, ProtobufValueKind.Bool, Presence: presence);

    public static ProtobufField Int64(int number, string jsonName, JsonPresence presence = JsonPresence.OmitEmpty) =>
        new(number, jsonName, ProtobufValueKind.Int64, Presence: presence);

    public static ProtobufField Time(int number, string jsonName, JsonPresence presence = JsonPresence.WhenSet) =>
        new(number, jsonName, ProtobufValueKind.Time, Presence: presence);

    public static ProtobufField RawJson(int number, string jsonName) =>
        new(number, jsonName, ProtobufValueKind.RawJson, Presence: JsonPresence.WhenSet);

    public static ProtobufField Object(int number, string jsonName, ProtobufMessage message) =>
        new(number, jsonName, ProtobufValueKind.Message, Presence: JsonPresence.WhenSet, Message: message);

    public static ProtobufField RepeatedString(int number, string jsonName, JsonPresence presence = JsonPresence.OmitEmpty) =>
        new(number, jsonName, ProtobufValueKind.String, FieldCardinality.Repeated, presence);

    public static ProtobufField RepeatedObject(int number, string jsonName, ProtobufMessage message) =>
        new(number, jsonName, ProtobufValueKind.Message, FieldCardinality.Repeated, Message: message);

    public static ProtobufField StringMap(int number, string jsonName) =>
        new(number, jsonName, ProtobufValueKind.String, FieldCardinality.Map);

    public static ProtobufField BytesMap(int number, string jsonName) =>
        new(number, jsonName, ProtobufValueKind.Bytes, FieldCardinality.Map);

    /// <summary><c>map&lt;string, ExtraValue&gt;</c>, the <c>extra</c> of user info: each value a list of strings.</summary>
    public static ProtobufField StringItemsMap(int number, string jsonName) =>
        new(number, jsonName, ProtobufValueKind.StringItems, FieldCardinality.Map);
}

using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;

namespace Hoop.LocalKube.Protobuf;

/// <summary>Reads one Kubernetes protobuf message into the JSON that Go's encoder writes for the same API value.</summary>
/// <remarks>
/// Malformed input throws <see cref="InvalidProtocolBufferException"/>, <see cref="InvalidDataException"/> or
/// <see cref="JsonException"/>; <see cref="KubernetesProtobuf.TryDecode"/> turns each into an error for the client.
/// </remarks>
internal static class ProtobufObjectDecoder
{
    // Go's zero time.Time: marshalled as an empty message, written to JSON as null.
    private const long ZeroTimeSeconds = -62135596800;
    private const long MaxTimeSeconds = 253402300799;

    private const uint FirstStringTag = (1 << 3) | (uint)WireFormat.WireType.LengthDelimited;
    private const uint FirstVarintTag = (1 << 3) | (uint)WireFormat.WireType.Varint;

    public static JsonObject Decode(CodedInputStream input, ProtobufMessage message)
    {
        var target = new JsonObject();
        DecodeInto(input, message, target);
        return target;
    }

    /// <summary>Adds the message's fields to <paramref name="target"/>; a field seen twice merges or replaces, as protobuf does.</summary>
    public static void DecodeInto(CodedInputStream input, ProtobufMessage message, JsonObject target)
    {
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (!message.TryGetField(WireFormat.GetTagFieldNumber(tag), out var field))
            {
                input.SkipLastField();
                continue;
            }

            if (WireFormat.GetTagWireType(tag) != field.WireType)
            {
                throw new InvalidDataException(
                    $"{message.Name}.{field.JsonName} (field {field.Number}) arrived as {WireFormat.GetTagWireType(tag)}, but it is {field.WireType}.");
            }

            switch (field.Cardinality)
            {
                case FieldCardinality.Repeated:
                    ArrayProperty(target, field.JsonName).Add(ReadValue(input, field));
                    break;
                case FieldCardinality.Map:
                    ReadMapEntry(input.ReadBytes().CreateCodedInput(), message, field, ObjectProperty(target, field.JsonName));
                    break;
                default:
                    ReadSingle(input, field, target);
                    break;
            }
        }

        foreach (var field in message.Fields)
        {
            if (field.Presence == JsonPresence.Always && !target.ContainsKey(field.JsonName))
            {
                target[field.JsonName] = field.Cardinality == FieldCardinality.Single ? ZeroValue(field.Kind) : null;
            }
        }
    }

    private static void ReadSingle(CodedInputStream input, ProtobufField field, JsonObject target)
    {
        if (field.Kind == ProtobufValueKind.Message)
        {
            DecodeInto(input.ReadBytes().CreateCodedInput(), MessageOf(field), ObjectProperty(target, field.JsonName));
            return;
        }

        var value = ReadValue(input, field);
        if (field.Presence == JsonPresence.OmitEmpty && IsZero(value))
        {
            target.Remove(field.JsonName);
        }
        else
        {
            target[field.JsonName] = value;
        }
    }

    private static JsonNode? ReadValue(CodedInputStream input, ProtobufField field) => field.Kind switch
    {
        ProtobufValueKind.String => JsonValue.Create(input.ReadString()),
        ProtobufValueKind.Bytes => JsonValue.Create(input.ReadBytes().ToBase64()),
        ProtobufValueKind.Bool => JsonValue.Create(input.ReadBool()),
        ProtobufValueKind.Int64 => JsonValue.Create(input.ReadInt64()),
        ProtobufValueKind.Time => ReadTime(input.ReadBytes().CreateCodedInput()),
        ProtobufValueKind.Message => Decode(input.ReadBytes().CreateCodedInput(), MessageOf(field)),
        ProtobufValueKind.StringItems => ReadStringItems(input.ReadBytes().CreateCodedInput()),
        ProtobufValueKind.RawJson => ReadRawJson(input.ReadBytes().CreateCodedInput()),
        _ => throw new UnreachableException($"No reader for {field.Kind}."),
    };

    private static void ReadMapEntry(CodedInputStream entry, ProtobufMessage message, ProtobufField field, JsonObject map)
    {
        var key = "";
        var value = ZeroValue(field.Kind);
        uint tag;
        while ((tag = entry.ReadTag()) != 0)
        {
            var number = WireFormat.GetTagFieldNumber(tag);
            var expected = number == 1 ? WireFormat.WireType.LengthDelimited : field.ValueWireType;
            if (number is 1 or 2 && WireFormat.GetTagWireType(tag) != expected)
            {
                throw new InvalidDataException(
                    $"An entry of {message.Name}.{field.JsonName} (field {field.Number}) has its {(number == 1 ? "key" : "value")} as {WireFormat.GetTagWireType(tag)}, but it is {expected}.");
            }

            switch (number)
            {
                case 1:
                    key = entry.ReadString();
                    break;
                case 2:
                    value = ReadValue(entry, field);
                    break;
                default:
                    entry.SkipLastField();
                    break;
            }
        }

        map[key] = value;
    }

    private static JsonValue? ReadTime(CodedInputStream time)
    {
        var empty = true;
        long seconds = 0;
        uint tag;
        while ((tag = time.ReadTag()) != 0)
        {
            empty = false;
            if (tag == FirstVarintTag)
            {
                seconds = time.ReadInt64();
            }
            else
            {
                // nanos (field 2) is dropped: Kubernetes' JSON carries whole seconds only.
                time.SkipLastField();
            }
        }

        if (empty || seconds == ZeroTimeSeconds)
        {
            return null;
        }

        if (seconds is < ZeroTimeSeconds or > MaxTimeSeconds)
        {
            throw new InvalidDataException($"A timestamp of {seconds} seconds since 1970 is outside the years 1 to 9999.");
        }

        return JsonValue.Create(DateTimeOffset.FromUnixTimeSeconds(seconds).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
    }

    private static JsonArray ReadStringItems(CodedInputStream items)
    {
        var array = new JsonArray();
        uint tag;
        while ((tag = items.ReadTag()) != 0)
        {
            if (tag == FirstStringTag)
            {
                array.Add(JsonValue.Create(items.ReadString()));
            }
            else
            {
                items.SkipLastField();
            }
        }

        return array;
    }

    private static JsonNode? ReadRawJson(CodedInputStream fields)
    {
        var raw = ByteString.Empty;
        uint tag;
        while ((tag = fields.ReadTag()) != 0)
        {
            if (tag == FirstStringTag)
            {
                raw = fields.ReadBytes();
            }
            else
            {
                fields.SkipLastField();
            }
        }

        return raw.IsEmpty ? null : JsonNode.Parse(raw.Span);
    }

    private static JsonNode? ZeroValue(ProtobufValueKind kind) => kind switch
    {
        ProtobufValueKind.String or ProtobufValueKind.Bytes => JsonValue.Create(""),
        ProtobufValueKind.Bool => JsonValue.Create(false),
        ProtobufValueKind.Int64 => JsonValue.Create(0L),
        ProtobufValueKind.Message => new JsonObject(),
        _ => null,
    };

    private static bool IsZero(JsonNode? value) => value?.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>().Length == 0,
        JsonValueKind.False => true,
        JsonValueKind.Number => value.GetValue<long>() == 0,
        _ => false,
    };

    private static ProtobufMessage MessageOf(ProtobufField field) =>
        field.Message ?? throw new UnreachableException($"The message field {field.JsonName} has no message description.");

    private static JsonArray ArrayProperty(JsonObject target, string name)
    {
        if (target[name] is JsonArray array)
        {
            return array;
        }

        array = [];
        target[name] = array;
        return array;
    }

    private static JsonObject ObjectProperty(JsonObject target, string name)
    {
        if (target[name] is JsonObject existing)
        {
            return existing;
        }

        var created = new JsonObject();
        target[name] = created;
        return created;
    }
}

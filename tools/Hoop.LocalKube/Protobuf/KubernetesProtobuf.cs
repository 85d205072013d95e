using System.Globalization;
using System.Text.Json.Nodes;
using Google.Protobuf;

namespace Hoop.LocalKube.Protobuf;

/// <summary>
/// Decodes a Kubernetes protobuf body: the <c>k8s\0</c> magic, a <c>runtime.Unknown</c> envelope (typeMeta, raw), and
/// the raw object, into the JSON the same request would have carried. Bad input gives an error, never an exception.
/// </summary>
internal static class KubernetesProtobuf
{
    private static readonly byte[] Magic = [0x6b, 0x38, 0x73, 0x00];

    public static bool TryDecode(ReadOnlySpan<byte> body, out JsonObject? obj, out string? error)
    {
        obj = null;
        if (!body.StartsWith(Magic))
        {
            error = "the body does not start with the Kubernetes protobuf magic \"k8s\\0\"";
            return false;
        }

        try
        {
            string? apiVersion = null, kind = null;
            byte[]? raw = null;
            var envelope = new CodedInputStream(body[Magic.Length..].ToArray());
            uint tag;
            while ((tag = envelope.ReadTag()) != 0)
            {
                switch (WireFormat.GetTagFieldNumber(tag))
                {
                    case 1:
                        var typeMeta = new CodedInputStream(envelope.ReadBytes().ToByteArray());
                        uint inner;
                        while ((inner = typeMeta.ReadTag()) != 0)
                        {
                            switch (WireFormat.GetTagFieldNumber(inner))
                            {
                                case 1: apiVersion = typeMeta.ReadString(); break;
                                case 2: kind = typeMeta.ReadString(); break;
                                default: typeMeta.SkipLastField(); break;
                            }
                        }

                        break;
                    case 2:
                        raw = envelope.ReadBytes().ToByteArray();
                        break;
                    default:
                        envelope.SkipLastField();
                        break;
                }
            }

            if (kind is null || !KubernetesMessages.ByKind.TryGetValue(kind, out var message))
            {
                error = $"the protobuf body holds a {kind ?? "message without a kind"}, which this server does not decode; send JSON";
                return false;
            }

            obj = Decode(raw ?? [], message);
            obj["apiVersion"] = apiVersion;
            obj["kind"] = kind;
            error = null;
            return true;
        }
        catch (InvalidProtocolBufferException e)
        {
            error = $"the protobuf body is malformed: {e.Message}";
            return false;
        }
    }

    private static JsonObject Decode(byte[] bytes, ProtoMessage message)
    {
        var json = new JsonObject();
        var input = new CodedInputStream(bytes);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (!message.Fields.TryGetValue(WireFormat.GetTagFieldNumber(tag), out var field))
            {
                input.SkipLastField();
                continue;
            }

            JsonNode? value = field.Type switch
            {
                ProtoType.String => input.ReadString(),
                ProtoType.Int64 => input.ReadInt64(),
                ProtoType.Bool => input.ReadBool(),
                ProtoType.Bytes => Convert.ToBase64String(input.ReadBytes().ToByteArray()),
                ProtoType.Message => Decode(input.ReadBytes().ToByteArray(), field.Message!),
                ProtoType.Time => Time(input.ReadBytes().ToByteArray()),
                ProtoType.StringMap or ProtoType.BytesMap => null,
                _ => null,
            };

            if (field.Type is ProtoType.StringMap or ProtoType.BytesMap)
            {
                var (key, entry) = MapEntry(input.ReadBytes().ToByteArray(), field.Type == ProtoType.BytesMap);
                var map = json[field.Json] as JsonObject ?? [];
                map[key] = entry;
                json[field.Json] = map;
            }
            else if (value is null || (!field.Repeated && IsDefault(value)))
            {
                // Go encodes every field; an empty string, zero or false is what JSON would have left out.
                continue;
            }
            else if (field.Repeated)
            {
                var list = json[field.Json] as JsonArray ?? [];
                list.Add(value);
                json[field.Json] = list;
            }
            else
            {
                json[field.Json] = value;
            }
        }

        return json;
    }

    private static (string Key, JsonNode Value) MapEntry(byte[] bytes, bool binary)
    {
        var input = new CodedInputStream(bytes);
        string key = "";
        JsonNode value = "";
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: key = input.ReadString(); break;
                case 2: value = binary ? Convert.ToBase64String(input.ReadBytes().ToByteArray()) : input.ReadString(); break;
                default: input.SkipLastField(); break;
            }
        }

        return (key, value);
    }

    private static bool IsDefault(JsonNode value) => value.ToJsonString() is "\"\"" or "0" or "false";

    /// <summary>metav1.Time: seconds (1) and nanos (2) since the epoch, as RFC 3339; null for the zero time.</summary>
    private static string? Time(byte[] bytes)
    {
        var input = new CodedInputStream(bytes);
        long seconds = 0;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == 1)
            {
                seconds = input.ReadInt64();
            }
            else
            {
                input.SkipLastField();
            }
        }

        return seconds == 0 ? null : DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }
}

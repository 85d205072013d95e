using Google.Protobuf;

namespace Hoop.LocalKube.Protobuf;

/// <summary>
/// The <c>runtime.Unknown</c> envelope (k8s.io/apimachinery/pkg/runtime/generated.proto) that follows the <c>k8s\0</c> magic:
/// the object's apiVersion and kind, and the object itself as protobuf in <see cref="Raw"/>.
/// </summary>
internal sealed record RuntimeUnknown(string ApiVersion, string Kind, ByteString Raw, string ContentEncoding, string ContentType)
{
    private const uint TypeMetaTag = (1 << 3) | (uint)WireFormat.WireType.LengthDelimited;
    private const uint RawTag = (2 << 3) | (uint)WireFormat.WireType.LengthDelimited;
    private const uint ContentEncodingTag = (3 << 3) | (uint)WireFormat.WireType.LengthDelimited;
    private const uint ContentTypeTag = (4 << 3) | (uint)WireFormat.WireType.LengthDelimited;

    // TypeMeta here is runtime.TypeMeta: apiVersion = 1, kind = 2 (meta/v1's TypeMeta numbers them the other way round).
    private const uint ApiVersionTag = (1 << 3) | (uint)WireFormat.WireType.LengthDelimited;
    private const uint KindTag = (2 << 3) | (uint)WireFormat.WireType.LengthDelimited;

    public static RuntimeUnknown Read(CodedInputStream input)
    {
        string apiVersion = "", kind = "", contentEncoding = "", contentType = "";
        var raw = ByteString.Empty;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (tag)
            {
                case TypeMetaTag:
                    ReadTypeMeta(input.ReadBytes().CreateCodedInput(), ref apiVersion, ref kind);
                    break;
                case RawTag:
                    raw = input.ReadBytes();
                    break;
                case ContentEncodingTag:
                    contentEncoding = input.ReadString();
                    break;
                case ContentTypeTag:
                    contentType = input.ReadString();
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        return new RuntimeUnknown(apiVersion, kind, raw, contentEncoding, contentType);
    }

    private static void ReadTypeMeta(CodedInputStream input, ref string apiVersion, ref string kind)
    {
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (tag)
            {
                case ApiVersionTag:
                    apiVersion = input.ReadString();
                    break;
                case KindTag:
                    kind = input.ReadString();
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }
    }
}

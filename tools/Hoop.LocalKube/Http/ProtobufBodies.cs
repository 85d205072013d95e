using System.Text.Json.Nodes;
using Hoop.LocalKube.Protobuf;

namespace Hoop.LocalKube.Http;

/// <summary>Request bodies kubectl sends as Kubernetes protobuf, turned into their JSON form; 415 when that cannot be done.</summary>
internal static class ProtobufBodies
{
    public static JsonObject Decode(byte[] body) =>
        KubernetesProtobuf.TryDecode(body, out var obj, out var error)
            ? obj!
            : throw ApiStatus.UnsupportedMediaType(error!);
}

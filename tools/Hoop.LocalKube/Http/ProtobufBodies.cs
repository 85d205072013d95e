using System.Text.Json.Nodes;
using Hoop.LocalKube.Protobuf;

namespace Hoop.LocalKube.Http;

/// <summary>
/// Request bodies kubectl sends as Kubernetes protobuf, turned into their JSON form: a broken body is 400, a kind this
/// server does not decode is 415 (send JSON instead).
/// </summary>
internal static class ProtobufBodies
{
    public static JsonObject Decode(byte[] body) =>
        KubernetesProtobuf.TryDecode(body, out var obj, out var error)
            ? obj
            : throw (error.Reason == ProtobufDecodeErrorReason.Malformed ? ApiStatus.BadRequest(error.Message) : ApiStatus.UnsupportedMediaType(error.Message));
}

using System.Text.Json.Nodes;

namespace Hoop.LocalKube.Http;

/// <summary>Request bodies kubectl sends as Kubernetes protobuf, turned into their JSON form.</summary>
internal static class ProtobufBodies
{
    public static JsonObject Decode(byte[] body) =>
        throw ApiStatus.UnsupportedMediaType("the body of the request was in an unknown format - accepted media types include: application/json, application/yaml");
}

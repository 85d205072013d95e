using static Hoop.LocalKube.Protobuf.ProtobufField;

namespace Hoop.LocalKube.Protobuf;

/// <summary>Messages of k8s.io/api/core/v1/generated.proto that kubectl sends as protobuf.</summary>
internal static class CoreV1Messages
{
    public static readonly ProtobufMessage NamespaceSpec = new("NamespaceSpec",
    [
        RepeatedString(1, "finalizers"),
    ]);

    public static readonly ProtobufMessage NamespaceCondition = new("NamespaceCondition",
    [
        String(1, "type", JsonPresence.Always),
        String(2, "status", JsonPresence.Always),
        Time(4, "lastTransitionTime"),
        String(5, "reason"),
        String(6, "message"),
    ]);

    public static readonly ProtobufMessage NamespaceStatus = new("NamespaceStatus",
    [
        String(1, "phase"),
        RepeatedObject(2, "conditions", NamespaceCondition),
    ]);

    public static readonly ProtobufMessage Namespace = new("Namespace",
    [
        Object(1, "metadata", MetaV1Messages.ObjectMeta),
        Object(2, "spec", NamespaceSpec),
        Object(3, "status", NamespaceStatus),
    ]);

    public static readonly ProtobufMessage ConfigMap = new("ConfigMap",
    [
        Object(1, "metadata", MetaV1Messages.ObjectMeta),
        Bool(4, "immutable", JsonPresence.WhenSet),
        StringMap(2, "data"),
        BytesMap(3, "binaryData"),
    ]);

    public static readonly ProtobufMessage Secret = new("Secret",
    [
        Object(1, "metadata", MetaV1Messages.ObjectMeta),
        Bool(5, "immutable", JsonPresence.WhenSet),
        BytesMap(2, "data"),
        StringMap(4, "stringData"),
        String(3, "type"),
    ]);
}

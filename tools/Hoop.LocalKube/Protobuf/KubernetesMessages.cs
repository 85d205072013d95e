namespace Hoop.LocalKube.Protobuf;

/// <summary>
/// The messages kubectl sends as protobuf (<c>create namespace</c>, <c>create configmap</c>, <c>create secret</c>,
/// <c>auth whoami</c>, <c>auth can-i</c>, <c>create token</c>), with field numbers from the Kubernetes
/// <c>generated.proto</c> files.
/// </summary>
internal static class KubernetesMessages
{
    private static readonly ProtoMessage OwnerReference = new(new Dictionary<int, ProtoField>
    {
        [1] = new("kind", ProtoType.String),
        [3] = new("name", ProtoType.String),
        [4] = new("uid", ProtoType.String),
        [5] = new("apiVersion", ProtoType.String),
        [6] = new("controller", ProtoType.Bool),
        [7] = new("blockOwnerDeletion", ProtoType.Bool),
    });

    public static ProtoMessage ObjectMeta { get; } = new(new Dictionary<int, ProtoField>
    {
        [1] = new("name", ProtoType.String),
        [2] = new("generateName", ProtoType.String),
        [3] = new("namespace", ProtoType.String),
        [5] = new("uid", ProtoType.String),
        [6] = new("resourceVersion", ProtoType.String),
        [7] = new("generation", ProtoType.Int64),
        [8] = new("creationTimestamp", ProtoType.Time),
        [11] = new("labels", ProtoType.StringMap),
        [12] = new("annotations", ProtoType.StringMap),
        [13] = new("ownerReferences", ProtoType.Message, Repeated: true, Message: OwnerReference),
        [14] = new("finalizers", ProtoType.String, Repeated: true),
    });

    private static readonly ProtoMessage ResourceAttributes = new(new Dictionary<int, ProtoField>
    {
        [1] = new("namespace", ProtoType.String),
        [2] = new("verb", ProtoType.String),
        [3] = new("group", ProtoType.String),
        [4] = new("version", ProtoType.String),
        [5] = new("resource", ProtoType.String),
        [6] = new("subresource", ProtoType.String),
        [7] = new("name", ProtoType.String),
    });

    private static readonly ProtoMessage NonResourceAttributes = new(new Dictionary<int, ProtoField>
    {
        [1] = new("path", ProtoType.String),
        [2] = new("verb", ProtoType.String),
    });

    private static readonly ProtoMessage BoundObjectReference = new(new Dictionary<int, ProtoField>
    {
        [1] = new("kind", ProtoType.String),
        [2] = new("apiVersion", ProtoType.String),
        [3] = new("name", ProtoType.String),
        [4] = new("uid", ProtoType.String),
    });

    private static ProtoMessage WithMetadata(Dictionary<int, ProtoField> fields)
    {
        fields[1] = new("metadata", ProtoType.Message, Message: ObjectMeta);
        return new ProtoMessage(fields);
    }

    /// <summary>Top-level messages by kind.</summary>
    public static IReadOnlyDictionary<string, ProtoMessage> ByKind { get; } = new Dictionary<string, ProtoMessage>(StringComparer.Ordinal)
    {
        ["Namespace"] = WithMetadata(new()
        {
            [2] = new("spec", ProtoType.Message, Message: new ProtoMessage(new Dictionary<int, ProtoField> { [1] = new("finalizers", ProtoType.String, Repeated: true) })),
        }),
        ["ConfigMap"] = WithMetadata(new()
        {
            [2] = new("data", ProtoType.StringMap),
            [3] = new("binaryData", ProtoType.BytesMap),
            [4] = new("immutable", ProtoType.Bool),
        }),
        ["Secret"] = WithMetadata(new()
        {
            [2] = new("data", ProtoType.BytesMap),
            [3] = new("type", ProtoType.String),
            [4] = new("stringData", ProtoType.StringMap),
            [5] = new("immutable", ProtoType.Bool),
        }),
        ["SelfSubjectReview"] = WithMetadata([]),
        ["TokenRequest"] = WithMetadata(new()
        {
            [2] = new("spec", ProtoType.Message, Message: new ProtoMessage(new Dictionary<int, ProtoField>
            {
                [1] = new("audiences", ProtoType.String, Repeated: true),
                [3] = new("boundObjectRef", ProtoType.Message, Message: BoundObjectReference),
                [4] = new("expirationSeconds", ProtoType.Int64),
            })),
        }),
        ["SelfSubjectAccessReview"] = WithMetadata(new()
        {
            [2] = new("spec", ProtoType.Message, Message: new ProtoMessage(new Dictionary<int, ProtoField>
            {
                [1] = new("resourceAttributes", ProtoType.Message, Message: ResourceAttributes),
                [2] = new("nonResourceAttributes", ProtoType.Message, Message: NonResourceAttributes),
            })),
        }),
        ["SubjectAccessReview"] = WithMetadata(new()
        {
            [2] = new("spec", ProtoType.Message, Message: new ProtoMessage(new Dictionary<int, ProtoField>
            {
                [1] = new("resourceAttributes", ProtoType.Message, Message: ResourceAttributes),
                [2] = new("nonResourceAttributes", ProtoType.Message, Message: NonResourceAttributes),
                [3] = new("user", ProtoType.String),
                [4] = new("groups", ProtoType.String, Repeated: true),
                [6] = new("uid", ProtoType.String),
            })),
        }),
    };
}

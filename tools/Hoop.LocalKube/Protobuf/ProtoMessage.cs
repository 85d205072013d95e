namespace Hoop.LocalKube.Protobuf;

/// <summary>How one field of a Kubernetes protobuf message maps to its JSON form.</summary>
internal sealed record ProtoField(string Json, ProtoType Type, bool Repeated = false, ProtoMessage? Message = null);

internal enum ProtoType
{
    String,
    Int64,
    Bool,
    Bytes,
    Message,
    StringMap,
    BytesMap,
    Time,
}

/// <summary>A message's fields by number, as <c>generated.proto</c> of k8s.io/api and apimachinery numbers them.</summary>
internal sealed class ProtoMessage(IReadOnlyDictionary<int, ProtoField> fields)
{
    public IReadOnlyDictionary<int, ProtoField> Fields { get; } = fields;
}

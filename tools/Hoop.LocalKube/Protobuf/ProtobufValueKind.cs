namespace Hoop.LocalKube.Protobuf;

/// <summary>What one protobuf value of a Kubernetes message holds, and so how it is read and written as JSON.</summary>
internal enum ProtobufValueKind
{
    String,

    /// <summary><c>bytes</c>, written as standard base64 like Go's <c>[]byte</c>.</summary>
    Bytes,

    Bool,

    Int64,

    /// <summary><c>meta/v1 Time</c> {seconds = 1, nanos = 2}, written as an RFC 3339 string in UTC, or <c>null</c> when zero.</summary>
    Time,

    /// <summary>A nested message, written as a JSON object.</summary>
    Message,

    /// <summary>A message whose field 1 is <c>repeated string items</c> (the <c>ExtraValue</c> of user info), written as a JSON array.</summary>
    StringItems,

    /// <summary>A message whose field 1 holds raw JSON bytes (<c>FieldsV1</c>), written as that JSON.</summary>
    RawJson,
}

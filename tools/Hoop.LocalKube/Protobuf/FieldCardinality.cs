namespace Hoop.LocalKube.Protobuf;

/// <summary>How many values one protobuf field carries.</summary>
internal enum FieldCardinality
{
    Single,

    /// <summary>A <c>repeated</c> field, written as a JSON array.</summary>
    Repeated,

    /// <summary>A <c>map&lt;string, V&gt;</c>: repeated entries {key = 1, value = 2}, written as a JSON object.</summary>
    Map,
}

namespace Hoop.LocalKube.Protobuf;

/// <summary>When a decoded field appears in the JSON object, mirroring how Go's JSON encoder treats the API type's field.</summary>
internal enum JsonPresence
{
    /// <summary>A non-pointer field tagged <c>omitempty</c>: Go's marshaller always writes it, so a zero value means "not set".</summary>
    OmitEmpty,

    /// <summary>A pointer field: present on the wire only when set, and then shown even when it is zero (<c>immutable: false</c>).</summary>
    WhenSet,

    /// <summary>A field without <c>omitempty</c>: shown even when absent, as its zero value (<c>""</c>, <c>false</c>, <c>0</c> or <c>null</c>).</summary>
    Always,
}

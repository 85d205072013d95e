namespace Hoop.LocalKube.Protobuf;

/// <summary>Why a protobuf request body could not be turned into JSON, and what to tell the client.</summary>
/// <param name="Reason">Whether the body is broken or well-formed but beyond what this server reads.</param>
/// <param name="Message">A sentence or two for the client: what happened and what to do instead.</param>
internal sealed record ProtobufDecodeError(ProtobufDecodeErrorReason Reason, string Message);

/// <summary>The class of a <see cref="ProtobufDecodeError"/>, which picks the HTTP status of the reply.</summary>
internal enum ProtobufDecodeErrorReason
{
    /// <summary>Not Kubernetes protobuf, truncated or corrupt: a 400 Bad Request.</summary>
    Malformed,

    /// <summary>Well-formed, but a kind or content encoding this server does not decode from protobuf: a 415 Unsupported Media Type.</summary>
    Unsupported,
}

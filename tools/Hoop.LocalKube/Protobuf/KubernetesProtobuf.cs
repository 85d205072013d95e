using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;

namespace Hoop.LocalKube.Protobuf;

/// <summary>
/// Decodes an <c>application/vnd.kubernetes.protobuf</c> request body, as kubectl sends for <c>create namespace</c>,
/// <c>create configmap</c>, <c>create secret</c>, <c>create token</c>, <c>auth whoami</c> and <c>auth can-i</c>,
/// into the JSON object kubectl would otherwise have sent.
/// </summary>
internal static class KubernetesProtobuf
{
    /// <summary>The media type of Kubernetes protobuf bodies.</summary>
    public const string MediaType = "application/vnd.kubernetes.protobuf";

    /// <summary>The four bytes every Kubernetes protobuf body starts with.</summary>
    public static ReadOnlySpan<byte> Magic => "k8s\0"u8;

    /// <summary>
    /// Decodes <paramref name="body"/> into a JSON object carrying <c>kind</c> and <c>apiVersion</c>. Never throws for bad input:
    /// a body that is not Kubernetes protobuf, is truncated, or holds an unsupported kind yields an <paramref name="error"/>.
    /// </summary>
    public static bool TryDecode(
        ReadOnlySpan<byte> body,
        [NotNullWhen(true)] out JsonObject? obj,
        [NotNullWhen(false)] out ProtobufDecodeError? error)
    {
        obj = null;
        if (!body.StartsWith(Magic))
        {
            error = Malformed("it does not start with the 4-byte \"k8s\\0\" prefix");
            return false;
        }

        try
        {
            var envelope = RuntimeUnknown.Read(new CodedInputStream(body[Magic.Length..].ToArray()));
            if (!TryResolve(envelope, out var message, out error))
            {
                return false;
            }

            obj = new JsonObject { ["kind"] = envelope.Kind, ["apiVersion"] = envelope.ApiVersion };
            ProtobufObjectDecoder.DecodeInto(envelope.Raw.CreateCodedInput(), message, obj);
            return true;
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or InvalidDataException or JsonException)
        {
            obj = null;
            error = Malformed(e.Message.TrimEnd('.'));
            return false;
        }
    }

    private static bool TryResolve(
        RuntimeUnknown envelope,
        [NotNullWhen(true)] out ProtobufMessage? message,
        [NotNullWhen(false)] out ProtobufDecodeError? error)
    {
        message = null;
        if (envelope.Kind.Length == 0 || envelope.ApiVersion.Length == 0)
        {
            error = Malformed("its envelope names no kind or apiVersion");
            return false;
        }

        // Go writes every object with at least its metadata, so an envelope without one is a body cut short.
        if (envelope.Raw.IsEmpty)
        {
            error = Malformed($"its envelope names a {envelope.Kind} but carries no object");
            return false;
        }

        if (envelope.ContentEncoding.Length != 0)
        {
            error = new ProtobufDecodeError(ProtobufDecodeErrorReason.Unsupported,
                $"The {envelope.Kind} in this protobuf body is {envelope.ContentEncoding}-encoded, which this server does not decode. " +
                "Send it without a content encoding, or as application/json.");
            return false;
        }

        if (envelope.ContentType.Length != 0 && envelope.ContentType != MediaType)
        {
            error = new ProtobufDecodeError(ProtobufDecodeErrorReason.Unsupported,
                $"The {envelope.Kind} in this protobuf body is itself {envelope.ContentType}, which this server does not unwrap. " +
                "Send the object as application/json.");
            return false;
        }

        if (!ProtobufKinds.TryGet(envelope.ApiVersion, envelope.Kind, out message))
        {
            error = new ProtobufDecodeError(ProtobufDecodeErrorReason.Unsupported,
                $"This server cannot decode a {envelope.Kind} ({envelope.ApiVersion}) sent as protobuf; it reads protobuf only for " +
                $"{ProtobufKinds.Describe()}. Send this object as application/json, for example with kubectl create -f or kubectl apply.");
            return false;
        }

        error = null;
        return true;
    }

    private static ProtobufDecodeError Malformed(string what) => new(ProtobufDecodeErrorReason.Malformed,
        $"The request body is not a readable Kubernetes protobuf object: {what}. " +
        "Resend it whole, or send the object as application/json.");
}

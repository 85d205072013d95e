using Google.Protobuf;
using Hoop.LocalKube.Protobuf;

namespace Hoop.LocalKube.Tests.Protobuf;

public sealed class KubernetesProtobufTests
{
    [Fact]
    public void A_namespace_as_kubectl_create_namespace_sends_it_decodes_to_its_json()
    {
        var metadata = Message(w =>
        {
            w.WriteTag(1, WireFormat.WireType.LengthDelimited);
            w.WriteString("demo");
            w.WriteTag(11, WireFormat.WireType.LengthDelimited);
            w.WriteBytes(ByteString.CopyFrom(Message(e =>
            {
                e.WriteTag(1, WireFormat.WireType.LengthDelimited);
                e.WriteString("team");
                e.WriteTag(2, WireFormat.WireType.LengthDelimited);
                e.WriteString("payments");
            })));
            w.WriteTag(6, WireFormat.WireType.LengthDelimited);
            w.WriteString("");
        });
        var body = Envelope("v1", "Namespace", Message(w =>
        {
            w.WriteTag(1, WireFormat.WireType.LengthDelimited);
            w.WriteBytes(ByteString.CopyFrom(metadata));
        }));

        Assert.True(KubernetesProtobuf.TryDecode(body, out var obj, out var error), error);
        Assert.Equal("""{"metadata":{"name":"demo","labels":{"team":"payments"}},"apiVersion":"v1","kind":"Namespace"}""", obj!.ToJsonString());
    }

    [Fact]
    public void A_token_request_keeps_its_audiences_and_expiry()
    {
        var spec = Message(w =>
        {
            w.WriteTag(1, WireFormat.WireType.LengthDelimited);
            w.WriteString("hoop");
            w.WriteTag(4, WireFormat.WireType.Varint);
            w.WriteInt64(3600);
        });
        var body = Envelope("authentication.k8s.io/v1", "TokenRequest", Message(w =>
        {
            w.WriteTag(2, WireFormat.WireType.LengthDelimited);
            w.WriteBytes(ByteString.CopyFrom(spec));
        }));

        Assert.True(KubernetesProtobuf.TryDecode(body, out var obj, out _));
        Assert.Equal("""{"audiences":["hoop"],"expirationSeconds":3600}""", obj!["spec"]!.ToJsonString());
    }

    [Theory]
    [InlineData(new byte[] { 1, 2, 3, 4, 5 }, "magic")]
    [InlineData(new byte[] { 0x6b, 0x38, 0x73, 0x00, 0x0a, 0x7f, 0x01 }, "malformed")]
    public void Garbage_gives_an_error_not_an_exception(byte[] body, string expected)
    {
        Assert.False(KubernetesProtobuf.TryDecode(body, out var obj, out var error));
        Assert.Null(obj);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_kind_is_refused_by_name()
    {
        Assert.False(KubernetesProtobuf.TryDecode(Envelope("v1", "Pod", []), out _, out var error));
        Assert.Contains("Pod", error, StringComparison.Ordinal);
    }

    private static byte[] Envelope(string apiVersion, string kind, byte[] raw)
    {
        var typeMeta = Message(w =>
        {
            w.WriteTag(1, WireFormat.WireType.LengthDelimited);
            w.WriteString(apiVersion);
            w.WriteTag(2, WireFormat.WireType.LengthDelimited);
            w.WriteString(kind);
        });
        var unknown = Message(w =>
        {
            w.WriteTag(1, WireFormat.WireType.LengthDelimited);
            w.WriteBytes(ByteString.CopyFrom(typeMeta));
            w.WriteTag(2, WireFormat.WireType.LengthDelimited);
            w.WriteBytes(ByteString.CopyFrom(raw));
        });
        return [0x6b, 0x38, 0x73, 0x00, .. unknown];
    }

    private static byte[] Message(Action<CodedOutputStream> write)
    {
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        write(output);
        output.Flush();
        return buffer.ToArray();
    }
}

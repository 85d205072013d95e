using System.Text;
using Hoop.LocalKube.Protobuf;

namespace Hoop.LocalKube.Tests.Protobuf;

/// <summary>Bodies the decoder must refuse with an error for the client, never with an exception.</summary>
public sealed class MalformedProtobufTests
{
    private static ProtobufDecodeError Refuse(byte[] body)
    {
        Assert.False(KubernetesProtobuf.TryDecode(body, out var obj, out var error));
        Assert.Null(obj);
        return error;
    }

    private static byte[] WithMagic(params byte[] rest) => [.. "k8s\0"u8, .. rest];

    [Fact]
    public void A_json_body_lacks_the_magic_and_is_malformed()
    {
        var error = Refuse(Encoding.UTF8.GetBytes("""{"kind":"Namespace","apiVersion":"v1"}"""));

        Assert.Equal(ProtobufDecodeErrorReason.Malformed, error.Reason);
        Assert.Contains("k8s\\0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_body_is_malformed() => Assert.Equal(ProtobufDecodeErrorReason.Malformed, Refuse([]).Reason);

    [Fact]
    public void A_truncated_varint_in_the_envelope_is_malformed()
    {
        // Tag of typeMeta, then a length whose continuation bit promises a byte that never comes.
        var error = Refuse(WithMagic(0x0a, 0x80));

        Assert.Equal(ProtobufDecodeErrorReason.Malformed, error.Reason);
    }

    [Fact]
    public void A_truncated_varint_inside_the_object_is_malformed()
    {
        // metadata { generation: <varint cut short> }
        var body = KubectlRequestBodies.Envelope("v1", "Namespace", new ProtoMessageBuilder().Bytes(1, [0x38, 0xff]));

        Assert.Equal(ProtobufDecodeErrorReason.Malformed, Refuse(body).Reason);
    }

    [Fact]
    public void A_length_past_the_end_of_the_body_is_malformed()
    {
        // raw claims 100 bytes and carries 3.
        var error = Refuse(WithMagic(0x12, 0x64, 0x01, 0x02, 0x03));

        Assert.Equal(ProtobufDecodeErrorReason.Malformed, error.Reason);
    }

    [Fact]
    public void A_length_past_the_end_of_its_enclosing_message_is_malformed()
    {
        // metadata claims 127 bytes inside an object of 4.
        var body = KubectlRequestBodies.Envelope("v1", "Namespace", new ProtoMessageBuilder().Bytes(1, [0x0a, 0x7f, 0x61, 0x62]));

        Assert.Equal(ProtobufDecodeErrorReason.Malformed, Refuse(body).Reason);
    }

    [Fact]
    public void A_known_field_with_the_wrong_wire_type_is_malformed_and_named()
    {
        // metadata.name sent as a varint.
        var body = KubectlRequestBodies.Envelope("v1", "Namespace", new ProtoMessageBuilder().Message(1, new ProtoMessageBuilder().Varint(1, 5)));

        var error = Refuse(body);

        Assert.Equal(ProtobufDecodeErrorReason.Malformed, error.Reason);
        Assert.Contains("ObjectMeta.name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_envelope_without_a_kind_is_malformed()
    {
        var body = KubectlRequestBodies.Envelope("v1", "", new ProtoMessageBuilder());

        Assert.Equal(ProtobufDecodeErrorReason.Malformed, Refuse(body).Reason);
    }

    [Fact]
    public void An_envelope_without_an_object_is_malformed()
    {
        var body = WithMagic(new ProtoMessageBuilder().Message(1, new ProtoMessageBuilder().String(1, "v1").String(2, "Namespace")).ToArray());

        var error = Refuse(body);

        Assert.Equal(ProtobufDecodeErrorReason.Malformed, error.Reason);
        Assert.Contains("no object", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Managed_fields_that_are_not_json_are_malformed()
    {
        var body = KubectlRequestBodies.Envelope("v1", "ConfigMap", new ProtoMessageBuilder().Message(1, new ProtoMessageBuilder()
            .Message(17, new ProtoMessageBuilder().Message(7, new ProtoMessageBuilder().Bytes(1, "{not json"u8.ToArray())))));

        Assert.Equal(ProtobufDecodeErrorReason.Malformed, Refuse(body).Reason);
    }

    [Theory]
    [InlineData("apps/v1", "Deployment")]
    [InlineData("v1", "Pod")]
    [InlineData("hoop.dev/v1alpha1", "Connection")]
    [InlineData("authentication.k8s.io/v1beta1", "SelfSubjectReview")]
    public void An_unsupported_kind_is_refused_by_name_with_a_way_forward(string apiVersion, string kind)
    {
        var error = Refuse(KubectlRequestBodies.Envelope(apiVersion, kind, new ProtoMessageBuilder().Message(1, KubectlRequestBodies.ObjectMeta("x"))));

        Assert.Equal(ProtobufDecodeErrorReason.Unsupported, error.Reason);
        Assert.Contains($"{kind} ({apiVersion})", error.Message, StringComparison.Ordinal);
        Assert.Contains("application/json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_content_encoded_object_is_unsupported()
    {
        var body = WithMagic(new ProtoMessageBuilder()
            .Message(1, new ProtoMessageBuilder().String(1, "v1").String(2, "Namespace"))
            .Bytes(2, [0x1f, 0x8b])
            .String(3, "gzip")
            .ToArray());

        var error = Refuse(body);

        Assert.Equal(ProtobufDecodeErrorReason.Unsupported, error.Reason);
        Assert.Contains("gzip", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(KubectlCapturedBodies.Names), MemberType = typeof(KubectlCapturedBodies))]
    public void Every_truncation_of_a_kubectl_body_is_decoded_or_refused_without_throwing(string name)
    {
        var body = KubectlCapturedBodies.All[name];
        var refused = 0;
        for (var length = 0; length < body.Length; length++)
        {
            if (!KubernetesProtobuf.TryDecode(body.AsSpan(0, length), out _, out var error))
            {
                Assert.False(string.IsNullOrWhiteSpace(error.Message));
                refused++;
            }
        }

        // Only the two cuts that drop the envelope's trailing empty contentEncoding and contentType fields leave a whole message.
        Assert.Equal(body.Length - 2, refused);
    }

    [Fact]
    public void Corrupted_kubectl_bodies_are_decoded_or_refused_without_throwing()
    {
        var random = new Random(20250101);
        var outcomes = new HashSet<bool>();
        foreach (var body in KubectlCapturedBodies.All.Values)
        {
            for (var attempt = 0; attempt < 500; attempt++)
            {
                var corrupted = (byte[])body.Clone();
                var flips = random.Next(1, 4);
                for (var flip = 0; flip < flips; flip++)
                {
                    corrupted[random.Next(4, corrupted.Length)] = (byte)random.Next(256);
                }

                outcomes.Add(KubernetesProtobuf.TryDecode(corrupted, out _, out _));
            }
        }

        Assert.Equal([false, true], outcomes.Order());
    }

    [Fact]
    public void Random_bytes_after_the_magic_are_refused_without_throwing()
    {
        var random = new Random(7);
        for (var attempt = 0; attempt < 2000; attempt++)
        {
            var garbage = new byte[random.Next(0, 64)];
            random.NextBytes(garbage);

            if (!KubernetesProtobuf.TryDecode(WithMagic(garbage), out _, out var error))
            {
                Assert.False(string.IsNullOrWhiteSpace(error.Message));
            }
        }
    }
}

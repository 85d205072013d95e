using System.Text;
using Hoop.LocalKube.Protobuf;

namespace Hoop.LocalKube.Tests.Protobuf;

/// <summary>Fields kubectl's own commands leave empty, which other protobuf clients (client-go programs) fill in.</summary>
public sealed class ProtobufObjectFieldTests
{
    private const long November14th2023 = 1700000000; // 2023-11-14T22:13:20Z

    private static System.Text.Json.Nodes.JsonObject Decode(byte[] body)
    {
        Assert.True(KubernetesProtobuf.TryDecode(body, out var obj, out var error), error?.Message);
        return obj;
    }

    private static ProtoMessageBuilder Time(long seconds, int nanos = 0) => new ProtoMessageBuilder().Varint(1, seconds).Varint(2, nanos);

    [Fact]
    public void Object_meta_decodes_every_field_a_client_may_send()
    {
        var metadata = new ProtoMessageBuilder()
            .String(1, "w1")
            .String(2, "w-")
            .String(3, "team-a")
            .String(4, "")
            .String(5, "4a7c0e7e-8c3f-4d43-9d6a-0d4b5d3e9b11")
            .String(6, "42")
            .Varint(7, 3)
            .Message(8, Time(November14th2023))
            .Message(9, Time(November14th2023 + 60, nanos: 500))
            .Varint(10, 0)
            .MapEntry(11, "app", "hoop")
            .MapEntry(12, "hoop.dev/note", "kept")
            .Message(13, new ProtoMessageBuilder()
                .String(1, "Connection").String(3, "pg").String(4, "u-1").String(5, "hoop.dev/v1alpha1").Bool(6, true).Bool(7, false))
            .Message(13, new ProtoMessageBuilder().String(3, "orphan"))
            .String(14, "hoop.dev/cleanup")
            .String(14, "hoop.dev/audit")
            .Message(17, new ProtoMessageBuilder()
                .String(1, "kubectl").String(2, "Update").String(3, "v1").Message(4, Time(November14th2023)).String(6, "FieldsV1")
                .Message(7, new ProtoMessageBuilder().Bytes(1, Encoding.UTF8.GetBytes("""{"f:data":{"f:a":{}}}"""))));

        var body = KubectlRequestBodies.Envelope("v1", "ConfigMap", new ProtoMessageBuilder().Message(1, metadata));

        JsonAssert.Equal(
            """
            {"kind":"ConfigMap","apiVersion":"v1","metadata":{
              "name":"w1","generateName":"w-","namespace":"team-a","uid":"4a7c0e7e-8c3f-4d43-9d6a-0d4b5d3e9b11",
              "resourceVersion":"42","generation":3,
              "creationTimestamp":"2023-11-14T22:13:20Z","deletionTimestamp":"2023-11-14T22:14:20Z","deletionGracePeriodSeconds":0,
              "labels":{"app":"hoop"},"annotations":{"hoop.dev/note":"kept"},
              "ownerReferences":[
                {"apiVersion":"hoop.dev/v1alpha1","kind":"Connection","name":"pg","uid":"u-1","controller":true,"blockOwnerDeletion":false},
                {"apiVersion":"","kind":"","name":"orphan","uid":""}],
              "finalizers":["hoop.dev/cleanup","hoop.dev/audit"],
              "managedFields":[{"manager":"kubectl","operation":"Update","apiVersion":"v1","time":"2023-11-14T22:13:20Z",
                                "fieldsType":"FieldsV1","fieldsV1":{"f:data":{"f:a":{}}}}]}}
            """,
            Decode(body));
    }

    [Fact]
    public void Config_map_binary_data_is_base64_and_a_set_immutable_false_is_kept()
    {
        var body = KubectlRequestBodies.Envelope("v1", "ConfigMap", new ProtoMessageBuilder()
            .Message(1, KubectlRequestBodies.ObjectMeta("cfg", "team-a"))
            .MapEntry(2, "mode", "strict")
            .MapEntry(3, "blob", [0x00, 0x01, 0x02, 0xff])
            .Bool(4, false));

        JsonAssert.Equal(
            """
            {"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"cfg","namespace":"team-a","creationTimestamp":null},
             "immutable":false,"data":{"mode":"strict"},"binaryData":{"blob":"AAEC/w=="}}
            """,
            Decode(body));
    }

    [Fact]
    public void Secret_keeps_string_data_type_and_immutable()
    {
        var body = KubectlRequestBodies.Envelope("v1", "Secret", new ProtoMessageBuilder()
            .Message(1, KubectlRequestBodies.ObjectMeta("db"))
            .MapEntry(2, "password", Encoding.UTF8.GetBytes("hunter2"))
            .String(3, "kubernetes.io/basic-auth")
            .MapEntry(4, "username", "admin")
            .Bool(5, true));

        JsonAssert.Equal(
            """
            {"kind":"Secret","apiVersion":"v1","metadata":{"name":"db","creationTimestamp":null},
             "immutable":true,"data":{"password":"aHVudGVyMg=="},"stringData":{"username":"admin"},"type":"kubernetes.io/basic-auth"}
            """,
            Decode(body));
    }

    [Fact]
    public void Namespace_spec_finalizers_and_status_conditions_decode()
    {
        var body = KubectlRequestBodies.Envelope("v1", "Namespace", new ProtoMessageBuilder()
            .Message(1, KubectlRequestBodies.ObjectMeta("demo"))
            .Message(2, new ProtoMessageBuilder().String(1, "kubernetes"))
            .Message(3, new ProtoMessageBuilder()
                .String(1, "Terminating")
                .Message(2, new ProtoMessageBuilder().String(1, "NamespaceDeletionContentFailure").String(2, "False")
                    .Message(4, Time(November14th2023)).String(5, "ContentDeleted").String(6, ""))));

        JsonAssert.Equal(
            """
            {"kind":"Namespace","apiVersion":"v1","metadata":{"name":"demo","creationTimestamp":null},
             "spec":{"finalizers":["kubernetes"]},
             "status":{"phase":"Terminating","conditions":[{"type":"NamespaceDeletionContentFailure","status":"False",
               "lastTransitionTime":"2023-11-14T22:13:20Z","reason":"ContentDeleted"}]}}
            """,
            Decode(body));
    }

    [Fact]
    public void Subject_access_review_carries_user_groups_uid_and_extra()
    {
        var body = KubectlRequestBodies.Envelope(KubectlRequestBodies.AuthorizationV1, "SubjectAccessReview", new ProtoMessageBuilder()
            .Message(1, KubectlRequestBodies.ObjectMeta())
            .Message(2, new ProtoMessageBuilder()
                .Message(1, new ProtoMessageBuilder().String(1, "team-a").String(2, "approve").String(3, "hoop.dev")
                    .String(5, "accessrequests").String(6, "status").String(7, "ar-1"))
                .String(3, "alice")
                .String(4, "dev")
                .String(4, "ops")
                .Message(5, new ProtoMessageBuilder().String(1, "scopes")
                    .Message(2, new ProtoMessageBuilder().String(1, "read").String(1, "write")))
                .String(6, "u-42")));

        JsonAssert.Equal(
            """
            {"kind":"SubjectAccessReview","apiVersion":"authorization.k8s.io/v1","metadata":{"creationTimestamp":null},
             "spec":{"resourceAttributes":{"namespace":"team-a","verb":"approve","group":"hoop.dev","resource":"accessrequests",
                                           "subresource":"status","name":"ar-1"},
                     "user":"alice","groups":["dev","ops"],"extra":{"scopes":["read","write"]},"uid":"u-42"}}
            """,
            Decode(body));
    }

    [Fact]
    public void Token_review_carries_the_token_and_audiences()
    {
        var body = KubectlRequestBodies.Envelope(KubectlRequestBodies.AuthenticationV1, "TokenReview", new ProtoMessageBuilder()
            .Message(1, KubectlRequestBodies.ObjectMeta())
            .Message(2, new ProtoMessageBuilder().String(1, "s3cr3t").String(2, "https://hoop.dev")));

        JsonAssert.Equal(
            """
            {"kind":"TokenReview","apiVersion":"authentication.k8s.io/v1","metadata":{"creationTimestamp":null},
             "spec":{"token":"s3cr3t","audiences":["https://hoop.dev"]}}
            """,
            Decode(body));
    }

    [Fact]
    public void Unknown_fields_are_skipped_whatever_their_wire_type()
    {
        var unknownFields = new ProtoMessageBuilder().Varint(99, 7).String(98, "future").Message(97, new ProtoMessageBuilder().Varint(1, 1));
        var body = KubectlRequestBodies.Envelope("v1", "ConfigMap", new ProtoMessageBuilder()
            .Message(1, KubectlRequestBodies.ObjectMeta("cfg").Varint(16, 1).String(15, "x"))
            .Message(99, unknownFields)
            .MapEntry(2, "a", "1")
            .Varint(100, 5));

        JsonAssert.Equal(
            """{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"cfg","creationTimestamp":null},"data":{"a":"1"}}""",
            Decode(body));
    }

    [Fact]
    public void A_message_field_sent_twice_merges_as_protobuf_specifies()
    {
        var body = KubectlRequestBodies.Envelope("v1", "Namespace", new ProtoMessageBuilder()
            .Message(1, new ProtoMessageBuilder().String(1, "demo"))
            .Message(1, new ProtoMessageBuilder().MapEntry(11, "env", "dev")));

        JsonAssert.Equal(
            """{"kind":"Namespace","apiVersion":"v1","metadata":{"name":"demo","labels":{"env":"dev"}}}""",
            Decode(body));
    }

    [Fact]
    public void A_zero_time_spelled_out_in_seconds_is_null_like_an_empty_one()
    {
        var body = KubectlRequestBodies.Envelope("v1", "Namespace", new ProtoMessageBuilder()
            .Message(1, new ProtoMessageBuilder().String(1, "demo").Message(8, Time(-62135596800))));

        JsonAssert.Equal(
            """{"kind":"Namespace","apiVersion":"v1","metadata":{"name":"demo","creationTimestamp":null}}""",
            Decode(body));
    }
}

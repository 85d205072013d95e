using Hoop.LocalKube.Protobuf;

namespace Hoop.LocalKube.Tests.Protobuf;

/// <summary>
/// The protobuf bodies kubectl sends decode to the JSON kubectl sends otherwise. Expected JSON for namespace, configmap and
/// secret is what <c>kubectl create ... --dry-run=client -o json</c> prints for the same command.
/// </summary>
public sealed class KubectlProtobufRequestTests
{
    private static System.Text.Json.Nodes.JsonObject Decode(byte[] body)
    {
        Assert.True(KubernetesProtobuf.TryDecode(body, out var obj, out var error), error?.Message);
        return obj;
    }

    [Fact]
    public void Create_namespace_decodes_to_the_json_kubectl_prints()
    {
        JsonAssert.Equal(
            """{"kind":"Namespace","apiVersion":"v1","metadata":{"name":"demo","creationTimestamp":null},"spec":{},"status":{}}""",
            Decode(KubectlCapturedBodies.CreateNamespace));
    }

    [Fact]
    public void Create_namespace_with_a_label_keeps_the_label()
    {
        var body = KubectlRequestBodies.CreateNamespace("demo", [new("hoop.dev/team", "payments")]);

        JsonAssert.Equal(
            """
            {"kind":"Namespace","apiVersion":"v1",
             "metadata":{"name":"demo","creationTimestamp":null,"labels":{"hoop.dev/team":"payments"}},
             "spec":{},"status":{}}
            """,
            Decode(body));
    }

    [Fact]
    public void Create_configmap_from_literal_decodes_to_its_data()
    {
        JsonAssert.Equal(
            """{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"cfg","creationTimestamp":null},"data":{"a":"1"}}""",
            Decode(KubectlRequestBodies.CreateConfigMap("cfg", ("a", "1"))));
    }

    [Fact]
    public void Create_secret_decodes_its_data_as_base64_and_omits_the_empty_type()
    {
        JsonAssert.Equal(
            """{"kind":"Secret","apiVersion":"v1","metadata":{"name":"s1","creationTimestamp":null},"data":{"password":"aHVudGVyMg=="}}""",
            Decode(KubectlCapturedBodies.CreateSecret));
    }

    [Fact]
    public void Auth_whoami_decodes_to_an_empty_self_subject_review()
    {
        JsonAssert.Equal(
            """
            {"kind":"SelfSubjectReview","apiVersion":"authentication.k8s.io/v1",
             "metadata":{"creationTimestamp":null},"status":{"userInfo":{}}}
            """,
            Decode(KubectlRequestBodies.WhoAmI()));
    }

    [Fact]
    public void Create_token_carries_its_audiences_and_expiration()
    {
        JsonAssert.Equal(
            """
            {"kind":"TokenRequest","apiVersion":"authentication.k8s.io/v1","metadata":{"creationTimestamp":null},
             "spec":{"audiences":["https://hoop.dev","api"],"expirationSeconds":3600},
             "status":{"token":"","expirationTimestamp":null}}
            """,
            Decode(KubectlRequestBodies.CreateToken(["https://hoop.dev", "api"], 3600)));
    }

    [Fact]
    public void Create_token_bound_to_a_secret_has_null_audiences_and_no_expiration()
    {
        JsonAssert.Equal(
            """
            {"kind":"TokenRequest","apiVersion":"authentication.k8s.io/v1","metadata":{"creationTimestamp":null},
             "spec":{"audiences":null,"boundObjectRef":{"kind":"Secret","apiVersion":"v1","name":"s1"}},
             "status":{"token":"","expirationTimestamp":null}}
            """,
            Decode(KubectlCapturedBodies.CreateTokenBoundToSecret));
    }

    [Fact]
    public void Auth_can_i_carries_the_resource_attributes()
    {
        var body = KubectlRequestBodies.CanI("team-a", "approve", "hoop.dev", "approvalpolicies", "production");

        JsonAssert.Equal(
            """
            {"kind":"SelfSubjectAccessReview","apiVersion":"authorization.k8s.io/v1","metadata":{"creationTimestamp":null},
             "spec":{"resourceAttributes":{"namespace":"team-a","verb":"approve","group":"hoop.dev","resource":"approvalpolicies","name":"production"}},
             "status":{"allowed":false}}
            """,
            Decode(body));
    }

    [Fact]
    public void Auth_can_i_on_a_url_carries_the_non_resource_attributes()
    {
        JsonAssert.Equal(
            """
            {"kind":"SelfSubjectAccessReview","apiVersion":"authorization.k8s.io/v1","metadata":{"creationTimestamp":null},
             "spec":{"nonResourceAttributes":{"path":"/healthz","verb":"get"}},
             "status":{"allowed":false}}
            """,
            Decode(KubectlCapturedBodies.CanIGetHealthz));
    }

    [Theory]
    [MemberData(nameof(KubectlCapturedBodies.Names), MemberType = typeof(KubectlCapturedBodies))]
    public void Every_captured_kubectl_body_decodes_with_the_kind_of_its_envelope(string name)
    {
        var obj = Decode(KubectlCapturedBodies.All[name]);

        Assert.False(string.IsNullOrEmpty((string?)obj["kind"]));
        Assert.False(string.IsNullOrEmpty((string?)obj["apiVersion"]));
        Assert.IsType<System.Text.Json.Nodes.JsonObject>(obj["metadata"]);
    }
}

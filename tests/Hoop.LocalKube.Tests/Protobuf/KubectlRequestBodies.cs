namespace Hoop.LocalKube.Tests.Protobuf;

/// <summary>
/// Builds protobuf request bodies laid out as kubectl's Go marshallers lay them out: every non-pointer field written even when
/// empty, fields in number order, map keys sorted, the whole wrapped in the <c>k8s\0</c> magic and a <c>runtime.Unknown</c>.
/// </summary>
internal static class KubectlRequestBodies
{
    public const string AuthenticationV1 = "authentication.k8s.io/v1";
    public const string AuthorizationV1 = "authorization.k8s.io/v1";

    public static byte[] Envelope(string apiVersion, string kind, ProtoMessageBuilder obj) =>
    [
        .. "k8s\0"u8,
        .. new ProtoMessageBuilder()
            .Message(1, new ProtoMessageBuilder().String(1, apiVersion).String(2, kind))
            .Message(2, obj)
            .String(3, "")
            .String(4, "")
            .ToArray(),
    ];

    public static ProtoMessageBuilder ObjectMeta(string name = "", string @namespace = "", IEnumerable<KeyValuePair<string, string>>? labels = null)
    {
        var meta = new ProtoMessageBuilder()
            .String(1, name)
            .String(2, "")
            .String(3, @namespace)
            .String(4, "")
            .String(5, "")
            .String(6, "")
            .Varint(7, 0)
            .Message(8, new ProtoMessageBuilder());
        foreach (var (key, value) in (labels ?? []).OrderBy(label => label.Key, StringComparer.Ordinal))
        {
            meta.MapEntry(11, key, value);
        }

        return meta;
    }

    /// <summary><c>kubectl create namespace NAME</c>; kubectl itself sets no labels, a client library may.</summary>
    public static byte[] CreateNamespace(string name, IEnumerable<KeyValuePair<string, string>>? labels = null) =>
        Envelope("v1", "Namespace", new ProtoMessageBuilder()
            .Message(1, ObjectMeta(name, labels: labels))
            .Message(2, new ProtoMessageBuilder())
            .Message(3, new ProtoMessageBuilder().String(1, "")));

    /// <summary><c>kubectl create configmap NAME --from-literal=KEY=VALUE ...</c></summary>
    public static byte[] CreateConfigMap(string name, params (string Key, string Value)[] data)
    {
        var configMap = new ProtoMessageBuilder().Message(1, ObjectMeta(name));
        foreach (var (key, value) in data.OrderBy(entry => entry.Key, StringComparer.Ordinal))
        {
            configMap.MapEntry(2, key, value);
        }

        return Envelope("v1", "ConfigMap", configMap);
    }

    /// <summary><c>kubectl auth whoami</c>: an empty SelfSubjectReview.</summary>
    public static byte[] WhoAmI() =>
        Envelope(AuthenticationV1, "SelfSubjectReview", new ProtoMessageBuilder()
            .Message(1, ObjectMeta())
            .Message(2, new ProtoMessageBuilder().Message(1, new ProtoMessageBuilder().String(1, "").String(2, ""))));

    /// <summary><c>kubectl create token SA --audience=A ... [--duration=D]</c></summary>
    public static byte[] CreateToken(string[] audiences, long? expirationSeconds)
    {
        var spec = new ProtoMessageBuilder();
        foreach (var audience in audiences)
        {
            spec.String(1, audience);
        }

        if (expirationSeconds is { } seconds)
        {
            spec.Varint(4, seconds);
        }

        return Envelope(AuthenticationV1, "TokenRequest", new ProtoMessageBuilder()
            .Message(1, ObjectMeta())
            .Message(2, spec)
            .Message(3, new ProtoMessageBuilder().String(1, "").Message(2, new ProtoMessageBuilder())));
    }

    /// <summary><c>kubectl auth can-i VERB RESOURCE.GROUP/NAME -n NAMESPACE</c></summary>
    public static byte[] CanI(string @namespace, string verb, string group, string resource, string name) =>
        Envelope(AuthorizationV1, "SelfSubjectAccessReview", new ProtoMessageBuilder()
            .Message(1, ObjectMeta())
            .Message(2, new ProtoMessageBuilder().Message(1, new ProtoMessageBuilder()
                .String(1, @namespace)
                .String(2, verb)
                .String(3, group)
                .String(4, "")
                .String(5, resource)
                .String(6, "")
                .String(7, name)))
            .Message(3, new ProtoMessageBuilder().Bool(1, false).String(2, "").String(3, "").Bool(4, false)));
}

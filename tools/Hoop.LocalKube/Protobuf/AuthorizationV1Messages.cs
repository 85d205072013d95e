using static Hoop.LocalKube.Protobuf.ProtobufField;

namespace Hoop.LocalKube.Protobuf;

/// <summary>Messages of k8s.io/api/authorization/v1/generated.proto (<c>kubectl auth can-i</c>).</summary>
internal static class AuthorizationV1Messages
{
    // fieldSelector (8) and labelSelector (9), added in Kubernetes 1.31, are not decoded: kubectl does not send them.
    public static readonly ProtobufMessage ResourceAttributes = new("ResourceAttributes",
    [
        String(1, "namespace"),
        String(2, "verb"),
        String(3, "group"),
        String(4, "version"),
        String(5, "resource"),
        String(6, "subresource"),
        String(7, "name"),
    ]);

    public static readonly ProtobufMessage NonResourceAttributes = new("NonResourceAttributes",
    [
        String(1, "path"),
        String(2, "verb"),
    ]);

    public static readonly ProtobufMessage SubjectAccessReviewSpec = new("SubjectAccessReviewSpec",
    [
        Object(1, "resourceAttributes", ResourceAttributes),
        Object(2, "nonResourceAttributes", NonResourceAttributes),
        String(3, "user"),
        RepeatedString(4, "groups"),
        StringItemsMap(5, "extra"),
        String(6, "uid"),
    ]);

    public static readonly ProtobufMessage SelfSubjectAccessReviewSpec = new("SelfSubjectAccessReviewSpec",
    [
        Object(1, "resourceAttributes", ResourceAttributes),
        Object(2, "nonResourceAttributes", NonResourceAttributes),
    ]);

    public static readonly ProtobufMessage SubjectAccessReviewStatus = new("SubjectAccessReviewStatus",
    [
        Bool(1, "allowed", JsonPresence.Always),
        Bool(4, "denied"),
        String(2, "reason"),
        String(3, "evaluationError"),
    ]);

    public static readonly ProtobufMessage SubjectAccessReview = new("SubjectAccessReview",
    [
        Object(1, "metadata", MetaV1Messages.ObjectMeta),
        Object(2, "spec", SubjectAccessReviewSpec),
        Object(3, "status", SubjectAccessReviewStatus),
    ]);

    public static readonly ProtobufMessage LocalSubjectAccessReview = new("LocalSubjectAccessReview",
    [
        Object(1, "metadata", MetaV1Messages.ObjectMeta),
        Object(2, "spec", SubjectAccessReviewSpec),
        Object(3, "status", SubjectAccessReviewStatus),
    ]);

    public static readonly ProtobufMessage SelfSubjectAccessReview = new("SelfSubjectAccessReview",
    [
        Object(1, "metadata", MetaV1Messages.ObjectMeta),
        Object(2, "spec", SelfSubjectAccessReviewSpec),
        Object(3, "status", SubjectAccessReviewStatus),
    ]);
}

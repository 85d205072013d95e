using static Hoop.LocalKube.Protobuf.ProtobufField;

namespace Hoop.LocalKube.Protobuf;

/// <summary>Messages of k8s.io/api/authentication/v1/generated.proto (<c>kubectl auth whoami</c>, <c>kubectl create token</c>).</summary>
internal static class AuthenticationV1Messages
{
    public static readonly ProtobufMessage UserInfo = new("UserInfo",
    [
        String(1, "username"),
        String(2, "uid"),
        RepeatedString(3, "groups"),
        StringItemsMap(4, "extra"),
    ]);

    public static readonly ProtobufMessage SelfSubjectReviewStatus = new("SelfSubjectReviewStatus",
    [
        Object(1, "userInfo", UserInfo),
    ]);

    public static readonly ProtobufMessage SelfSubjectReview = new("SelfSubjectReview",
    [
        Object(1, "metadata", MetaV1Messages.ObjectMeta),
        Object(2, "status", SelfSubjectReviewStatus),
    ]);

    public static readonly ProtobufMessage BoundObjectReference = new("BoundObjectReference",
    [
        String(1, "kind"),
        String(2, "apiVersion"),
        String(3, "name"),
        String(4, "uid"),
    ]);

    // audiences has no omitempty in Go: kubectl's JSON says "audiences": null when none are asked for.
    public static readonly ProtobufMessage TokenRequestSpec = new("TokenRequestSpec",
    [
        RepeatedString(1, "audiences", JsonPresence.Always),
        Int64(4, "expirationSeconds", JsonPresence.WhenSet),
        Object(3, "boundObjectRef", BoundObjectReference),
    ]);

    public static readonly ProtobufMessage TokenRequestStatus = new("TokenRequestStatus",
    [
        String(1, "token", JsonPresence.Always),
        Time(2, "expirationTimestamp", JsonPresence.Always),
    ]);

    public static readonly ProtobufMessage TokenRequest = new("TokenRequest",
    [
        Object(1, "metadata", MetaV1Messages.ObjectMeta),
        Object(2, "spec", TokenRequestSpec),
        Object(3, "status", TokenRequestStatus),
    ]);

    public static readonly ProtobufMessage TokenReviewSpec = new("TokenReviewSpec",
    [
        String(1, "token"),
        RepeatedString(2, "audiences"),
    ]);

    public static readonly ProtobufMessage TokenReviewStatus = new("TokenReviewStatus",
    [
        Bool(1, "authenticated"),
        Object(2, "user", UserInfo),
        RepeatedString(4, "audiences"),
        String(3, "error"),
    ]);

    public static readonly ProtobufMessage TokenReview = new("TokenReview",
    [
        Object(1, "metadata", MetaV1Messages.ObjectMeta),
        Object(2, "spec", TokenReviewSpec),
        Object(3, "status", TokenReviewStatus),
    ]);
}

using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Hoop.LocalKube.Protobuf;

/// <summary>The kinds this server decodes from protobuf: those kubectl sends that way, and the reviews beside them.</summary>
internal static class ProtobufKinds
{
    private static readonly FrozenDictionary<(string ApiVersion, string Kind), ProtobufMessage> Messages =
        new Dictionary<(string ApiVersion, string Kind), ProtobufMessage>
        {
            [("v1", "Namespace")] = CoreV1Messages.Namespace,
            [("v1", "ConfigMap")] = CoreV1Messages.ConfigMap,
            [("v1", "Secret")] = CoreV1Messages.Secret,
            [("authentication.k8s.io/v1", "SelfSubjectReview")] = AuthenticationV1Messages.SelfSubjectReview,
            [("authentication.k8s.io/v1", "TokenRequest")] = AuthenticationV1Messages.TokenRequest,
            [("authentication.k8s.io/v1", "TokenReview")] = AuthenticationV1Messages.TokenReview,
            [("authorization.k8s.io/v1", "SubjectAccessReview")] = AuthorizationV1Messages.SubjectAccessReview,
            [("authorization.k8s.io/v1", "SelfSubjectAccessReview")] = AuthorizationV1Messages.SelfSubjectAccessReview,
            [("authorization.k8s.io/v1", "LocalSubjectAccessReview")] = AuthorizationV1Messages.LocalSubjectAccessReview,
        }.ToFrozenDictionary();

    public static bool TryGet(string apiVersion, string kind, [NotNullWhen(true)] out ProtobufMessage? message) =>
        Messages.TryGetValue((apiVersion, kind), out message);

    /// <summary>The supported kinds for an error message, e.g. "v1 ConfigMap, Namespace, Secret; authentication.k8s.io/v1 ...".</summary>
    public static string Describe() => string.Join("; ", Messages.Keys
        .GroupBy(key => key.ApiVersion)
        .OrderBy(group => group.Key, StringComparer.Ordinal)
        .Select(group => $"{group.Key} {string.Join(", ", group.Select(key => key.Kind).Order(StringComparer.Ordinal))}"));
}

using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hoop.LocalKube.Authorization;

/// <summary>
/// Answers <c>authorization.k8s.io/v1</c> SubjectAccessReview and SelfSubjectAccessReview bodies as kube-apiserver's
/// REST handlers do: validate, authorize, and return the review with <c>status</c> set.
/// </summary>
internal static class AccessReviews
{
    public const string SubjectAccessReviewKind = "SubjectAccessReview";
    public const string SelfSubjectAccessReviewKind = "SelfSubjectAccessReview";

    /// <summary>
    /// Answers a review. Its <c>kind</c> chooses how (default it from the URL before calling, as the API server's decoder
    /// does): a SubjectAccessReview asks about the user in its <c>spec</c>, a SelfSubjectAccessReview about
    /// <paramref name="caller"/>, the authenticated sender. The review passed in is not changed.
    /// </summary>
    public static AccessReviewAnswer Answer(JsonObject review, UserInfo? caller, RbacAuthorizer authorizer)
    {
        var kind = review.Text("kind");
        if (kind is not (SubjectAccessReviewKind or SelfSubjectAccessReviewKind))
        {
            return AccessReviewAnswer.Rejected(AccessReviewRejection.BadRequest(
                $"not a {SubjectAccessReviewKind} or {SelfSubjectAccessReviewKind}: kind {GoStringLiteral.Quote(kind)}"));
        }

        var spec = review.Object("spec");
        if (Validate(kind, review, spec) is { Count: > 0 } violations)
        {
            return AccessReviewAnswer.Rejected(AccessReviewRejection.Invalid(kind, violations));
        }

        UserInfo subject;
        if (kind == SubjectAccessReviewKind)
        {
            subject = SubjectOf(spec);
        }
        else if (caller is not null)
        {
            subject = caller;
        }
        else
        {
            return AccessReviewAnswer.Rejected(AccessReviewRejection.BadRequest("no user present on request"));
        }

        var decision = spec.Object("resourceAttributes") is { } resource
            ? authorizer.Authorize(subject, ResourceAttributesOf(resource))
            : authorizer.Authorize(subject, NonResourceAttributesOf(spec.Object("nonResourceAttributes")));

        var answered = review.DeepClone().AsObject();
        answered["status"] = StatusOf(decision);
        return AccessReviewAnswer.Answered(answered);
    }

    private static List<FieldViolation> Validate(string kind, JsonObject review, JsonObject? spec)
    {
        var violations = new List<FieldViolation>();
        var resource = spec.Object("resourceAttributes");
        var nonResource = spec.Object("nonResourceAttributes");
        if (resource is not null && nonResource is not null)
        {
            violations.Add(new FieldViolation("spec.nonResourceAttributes", Render(nonResource), "cannot be specified in combination with resourceAttributes"));
        }
        if (resource is null && nonResource is null)
        {
            violations.Add(new FieldViolation("spec.resourceAttributes", "\"null\"", "exactly one of nonResourceAttributes or resourceAttributes must be specified"));
        }
        if (kind == SubjectAccessReviewKind && spec.Text("user").Length == 0 && spec.Texts("groups").Count == 0)
        {
            violations.Add(new FieldViolation("spec.user", "\"\"", "at least one of user or group must be specified"));
        }
        if (review.Object("metadata") is { } metadata && !metadata.All(field => field.Key == "managedFields" || IsZero(field.Value)))
        {
            violations.Add(new FieldViolation("metadata", metadata.ToJsonString(), "must be empty"));
        }
        return violations;
    }

    private static UserInfo SubjectOf(JsonObject? spec)
    {
        var extra = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (key, values) in spec.Object("extra") ?? [])
        {
            extra[key] = values is JsonArray array ? JsonFields.Texts(array) : [];
        }
        return new UserInfo(spec.Text("user"), spec.Text("uid"), spec.Texts("groups"), extra);
    }

    private static ResourceAttributes ResourceAttributesOf(JsonObject attributes) => new()
    {
        Namespace = attributes.Text("namespace"),
        Verb = attributes.Text("verb"),
        Group = attributes.Text("group"),
        Version = attributes.Text("version"),
        Resource = attributes.Text("resource"),
        Subresource = attributes.Text("subresource"),
        Name = attributes.Text("name"),
    };

    private static NonResourceAttributes NonResourceAttributesOf(JsonObject? attributes) => new()
    {
        Path = attributes.Text("path"),
        Verb = attributes.Text("verb"),
    };

    // Like the Go struct's omitempty tags: a denial without a reason serializes as {"allowed":false}.
    private static JsonObject StatusOf(AuthorizationDecision decision)
    {
        var status = new JsonObject { ["allowed"] = decision.Allowed };
        if (decision.Reason.Length > 0)
        {
            status["reason"] = decision.Reason;
        }
        if (decision.EvaluationError is { Length: > 0 } error)
        {
            status["evaluationError"] = error;
        }
        return status;
    }

    // Go prints the internal struct with %#v.
    private static string Render(JsonObject nonResource) =>
        $"authorization.NonResourceAttributes{{Path:{GoStringLiteral.Quote(nonResource.Text("path"))}, Verb:{GoStringLiteral.Quote(nonResource.Text("verb"))}}}";

    // Decoded into ObjectMeta, these are Go zero values: what kubectl sends ({"creationTimestamp":null}) is empty.
    private static bool IsZero(JsonNode? value) => value switch
    {
        null => true,
        JsonObject fields => fields.Count == 0,
        JsonArray items => items.Count == 0,
        JsonValue scalar => scalar.GetValueKind() switch
        {
            JsonValueKind.String => scalar.GetValue<string>().Length == 0,
            JsonValueKind.Number => scalar.TryGetValue<decimal>(out var number) && number == 0,
            JsonValueKind.False or JsonValueKind.Null => true,
            _ => false,
        },
        _ => false,
    };
}

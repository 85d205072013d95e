using System.Text.Json.Nodes;

namespace Hoop.LocalKube.Authorization;

/// <summary>An access review with its <c>status</c> filled in, or the rejection to send instead; exactly one is set.</summary>
internal sealed record AccessReviewAnswer(JsonObject? Review, AccessReviewRejection? Rejection)
{
    public static AccessReviewAnswer Answered(JsonObject review) => new(review, null);

    public static AccessReviewAnswer Rejected(AccessReviewRejection rejection) => new(null, rejection);
}

using k8s;
using k8s.Models;

namespace Hoop.Operator.Webhooks;

/// <summary>
/// The user the operator itself authenticates as: the only caller besides a request's gateway that may write an
/// AccessRequest's status beyond its reviews.
/// </summary>
internal sealed record OperatorIdentity(string Username)
{
    /// <summary>Asks the API server who this client is (a SelfSubjectReview), so the identity is never configured by hand wrongly.</summary>
    public static async Task<OperatorIdentity> ResolveAsync(IKubernetes client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var review = await client.AuthenticationV1.CreateSelfSubjectReviewAsync(
            new V1SelfSubjectReview { ApiVersion = "authentication.k8s.io/v1", Kind = "SelfSubjectReview" },
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return review.Status?.UserInfo?.Username is { Length: > 0 } username
            ? new OperatorIdentity(username)
            : throw new InvalidOperationException("the API server's SelfSubjectReview named no user, so the operator cannot tell its own writes from others'");
    }
}

using k8s;
using k8s.Models;

namespace Hoop.Kubectl.Cluster;

/// <summary>Who the API server says the caller is (SelfSubjectReview), and what they may do (SelfSubjectAccessReview).</summary>
internal static class Caller
{
    public static async Task<V1SelfSubjectReview> ReviewAsync(IKubernetes client, CancellationToken cancellationToken) =>
        await client.AuthenticationV1.CreateSelfSubjectReviewAsync(new V1SelfSubjectReview(), cancellationToken: cancellationToken).ConfigureAwait(false);

    public static async Task<string> UsernameAsync(IKubernetes client, CancellationToken cancellationToken) =>
        (await ReviewAsync(client, cancellationToken).ConfigureAwait(false)).Status?.UserInfo?.Username
        ?? throw new UserError("the API server did not say who you are (SelfSubjectReview has no user)");

    public static async Task<bool> MayAsync(IKubernetes client, string verb, string group, string resource, string @namespace, string? name, CancellationToken cancellationToken)
    {
        var review = new V1SelfSubjectAccessReview
        {
            Spec = new V1SelfSubjectAccessReviewSpec
            {
                ResourceAttributes = new V1ResourceAttributes { Verb = verb, Group = group, Resource = resource, NamespaceProperty = @namespace, Name = name },
            },
        };
        var answer = await client.AuthorizationV1.CreateSelfSubjectAccessReviewAsync(review, cancellationToken: cancellationToken).ConfigureAwait(false);
        return answer.Status is { Allowed: true, Denied: not true };
    }
}

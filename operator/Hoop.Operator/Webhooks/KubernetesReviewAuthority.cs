using System.Net;
using Hoop.Api;
using Hoop.Api.V1Alpha1;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Hoop.Operator.Webhooks;

/// <summary>
/// Answers <see cref="IReviewAuthority"/> through the API server on every call: a SubjectAccessReview for the caller,
/// and a GET of the ApprovalPolicy. No cache, because webhooks run on every replica, leader or not.
/// </summary>
internal sealed class KubernetesReviewAuthority(IKubernetes client) : IReviewAuthority
{
    public const string ApproveVerb = "approve";

    public async Task<bool> MayApproveAsync(AdmissionUser user, string @namespace, string policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var review = new V1SubjectAccessReview
        {
            Spec = new V1SubjectAccessReviewSpec
            {
                User = user.Username,
                Uid = user.Uid,
                Groups = [.. user.Groups],
                Extra = user.Extra.Count == 0 ? null : user.Extra.ToDictionary(e => e.Key, e => (IList<string>)[.. e.Value]),
                ResourceAttributes = new V1ResourceAttributes
                {
                    NamespaceProperty = @namespace,
                    Verb = ApproveVerb,
                    Group = HoopApiGroup.Group,
                    Resource = ResourceKind.ApprovalPolicy.Plural,
                    Name = policy,
                },
            },
        };
        var answer = await client.AuthorizationV1.CreateSubjectAccessReviewAsync(review, cancellationToken: cancellationToken).ConfigureAwait(false);
        return answer.Status is { Allowed: true, Denied: not true };
    }

    public async Task<IReadOnlyList<string>?> BreakGlassGroupsAsync(string @namespace, string policy, CancellationToken cancellationToken)
    {
        try
        {
            var found = await client.CustomObjects.GetNamespacedCustomObjectAsync<ApprovalPolicy>(
                HoopApiGroup.Group, HoopApiGroup.Version, @namespace, ResourceKind.ApprovalPolicy.Plural, policy, cancellationToken).ConfigureAwait(false);
            return found?.Spec.BreakGlass?.Groups is { } groups ? [.. groups] : [];
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}

using System.Text.Json.Nodes;

namespace Hoop.LocalKube.Authorization;

/// <summary>Answers SubjectAccessReview (for the user in its spec) and SelfSubjectAccessReview (for the caller) with RBAC.</summary>
internal static class AccessReviews
{
    public static JsonObject Answer(JsonObject review, UserInfo? caller, RbacAuthorizer authorizer)
    {
        var spec = review["spec"] as JsonObject ?? [];
        var user = caller ?? new UserInfo(
            spec["user"]?.GetValue<string>() ?? "",
            spec["uid"]?.GetValue<string>() ?? "",
            [.. spec["groups"]?.AsArray().Select(g => g!.GetValue<string>()) ?? []]);

        Decision decision;
        if (spec["resourceAttributes"] is JsonObject resource)
        {
            decision = authorizer.Authorize(user, new ResourceAttributes(
                Text(resource, "verb"), Text(resource, "group"), Text(resource, "resource"),
                resource["subresource"]?.GetValue<string>(), resource["namespace"]?.GetValue<string>() is { Length: > 0 } ns ? ns : null,
                resource["name"]?.GetValue<string>()));
        }
        else if (spec["nonResourceAttributes"] is JsonObject nonResource)
        {
            decision = authorizer.Authorize(user, new NonResourceAttributes(Text(nonResource, "verb"), Text(nonResource, "path")));
        }
        else
        {
            throw new Http.ApiStatus(422, "Invalid", "spec.resourceAttributes: Invalid value: \"null\": exactly one of nonResourceAttributes or resourceAttributes must be specified");
        }

        var answer = review.DeepClone().AsObject();
        var status = new JsonObject { ["allowed"] = decision.Allowed };
        if (decision.Reason.Length > 0)
        {
            status["reason"] = decision.Reason;
        }

        answer["status"] = status;
        return answer;
    }

    private static string Text(JsonObject obj, string key) => obj[key]?.GetValue<string>() ?? "";
}

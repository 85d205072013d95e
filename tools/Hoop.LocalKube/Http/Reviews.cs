using System.Text.Json.Nodes;
using Hoop.LocalKube.Api;
using Hoop.LocalKube.Authentication;
using Hoop.LocalKube.Authorization;

namespace Hoop.LocalKube.Http;

/// <summary>Answers the virtual review resources: TokenReview, SelfSubjectReview, SubjectAccessReview, SelfSubjectAccessReview.</summary>
internal sealed class Reviews(Authenticator authenticator, Func<UserInfo?, JsonObject, JsonObject> accessReview)
{
    public JsonObject Answer(ResourceType type, JsonObject review, UserInfo caller)
    {
        var answer = review.DeepClone().AsObject();
        answer["metadata"] ??= new JsonObject();
        switch (type.Kind)
        {
            case "TokenReview":
                var token = review["spec"]?["token"]?.GetValue<string>();
                var audiences = review["spec"]?["audiences"]?.AsArray().Select(a => a!.GetValue<string>()).ToList();
                var user = authenticator.Authenticate(token, audiences is { Count: > 0 } ? audiences : null);
                var status = new JsonObject { ["authenticated"] = user is not null };
                if (user is not null)
                {
                    status["user"] = User(user);
                    status["audiences"] = new JsonArray([.. (audiences is { Count: > 0 } ? audiences : ServiceAccountTokens.DefaultAudiences).Select(a => (JsonNode)a)]);
                }
                else
                {
                    status["error"] = "invalid bearer token";
                }

                answer["status"] = status;
                return answer;
            case "SelfSubjectReview":
                answer["status"] = new JsonObject { ["userInfo"] = User(caller) };
                return answer;
            case "SubjectAccessReview":
                return accessReview(null, answer);
            case "SelfSubjectAccessReview":
                return accessReview(caller, answer);
            default:
                throw ApiStatus.MethodNotAllowed($"{type.Kind} cannot be created");
        }
    }

    public static JsonObject User(UserInfo user)
    {
        var json = new JsonObject
        {
            ["username"] = user.Username,
            ["uid"] = user.Uid,
            ["groups"] = new JsonArray([.. user.Groups.Select(g => (JsonNode)g)]),
        };
        if (user.Extra.Count > 0)
        {
            json["extra"] = new JsonObject(user.Extra.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)new JsonArray([.. e.Value.Select(v => (JsonNode)v)]))));
        }

        return json;
    }
}

using System.Text.Json.Nodes;

namespace Hoop.LocalKube.Authorization;

/// <summary>Why kube-apiserver would refuse an access review instead of answering it: 400 BadRequest or 422 Invalid.</summary>
internal sealed record AccessReviewRejection(int Code, string Reason, string Message, string Kind, IReadOnlyList<FieldViolation> Causes)
{
    private const string Group = "authorization.k8s.io";

    public static AccessReviewRejection BadRequest(string message) => new(400, "BadRequest", message, "", []);

    public static AccessReviewRejection Invalid(string kind, IReadOnlyList<FieldViolation> violations) => new(
        422,
        "Invalid",
        $"{kind}.{Group} \"\" is invalid: {ErrorAggregate.Format(violations.Select(violation => violation.ToString()))}",
        kind,
        violations);

    /// <summary>The <c>v1 Status</c> body to send with <see cref="Code"/>.</summary>
    public JsonObject ToStatus()
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = Message,
            ["reason"] = Reason,
        };
        if (Causes.Count > 0)
        {
            status["details"] = new JsonObject
            {
                ["group"] = Group,
                ["kind"] = Kind,
                ["causes"] = new JsonArray([.. Causes.Select(cause => cause.ToCause())]),
            };
        }
        status["code"] = Code;
        return status;
    }
}

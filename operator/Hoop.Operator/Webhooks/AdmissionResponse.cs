using System.Text;
using System.Text.Json.Nodes;

namespace Hoop.Operator.Webhooks;

/// <summary>Builds the AdmissionReview v1 that answers a request: same uid, allowed, status, and a base64 JSONPatch.</summary>
internal static class AdmissionResponse
{
    public static JsonObject Build(string uid, AdmissionDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var response = new JsonObject { ["uid"] = uid, ["allowed"] = decision.Allowed };
        if (!decision.Allowed)
        {
            response["status"] = new JsonObject
            {
                ["code"] = decision.Code,
                ["reason"] = decision.Code == 403 ? "Forbidden" : "InternalError",
                ["message"] = decision.Message ?? "",
            };
        }
        else if (decision.Patch is { Count: > 0 } patch)
        {
            response["patchType"] = "JSONPatch";
            response["patch"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(patch.ToJsonString()));
        }

        return new JsonObject { ["apiVersion"] = AdmissionRequest.ApiVersion, ["kind"] = "AdmissionReview", ["response"] = response };
    }
}

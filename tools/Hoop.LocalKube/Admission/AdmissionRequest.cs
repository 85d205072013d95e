using System.Text.Json.Nodes;
using Hoop.LocalKube.Api;
using Hoop.LocalKube.Authorization;

namespace Hoop.LocalKube.Admission;

/// <summary>What one write asks of admission: who, which operation on which resource, and the objects involved.</summary>
internal sealed record AdmissionRequest(
    ResourceType Type,
    string Operation,
    string? Subresource,
    string? Namespace,
    string Name,
    UserInfo User,
    JsonObject? Object,
    JsonObject? OldObject,
    bool DryRun)
{
    public JsonObject ToReview(string uid)
    {
        var kind = new JsonObject { ["group"] = Type.Group, ["version"] = Type.Version, ["kind"] = Type.Kind };
        var resource = new JsonObject { ["group"] = Type.Group, ["version"] = Type.Version, ["resource"] = Type.Resource };
        var request = new JsonObject
        {
            ["uid"] = uid,
            ["kind"] = kind,
            ["resource"] = resource,
            ["requestKind"] = kind.DeepClone(),
            ["requestResource"] = resource.DeepClone(),
            ["name"] = Name,
            ["operation"] = Operation,
            ["userInfo"] = Http.Reviews.User(User),
            ["object"] = Object?.DeepClone(),
            ["oldObject"] = OldObject?.DeepClone(),
            ["dryRun"] = DryRun,
        };
        if (Subresource is not null)
        {
            request["subResource"] = Subresource;
            request["requestSubResource"] = Subresource;
        }

        if (Namespace is not null)
        {
            request["namespace"] = Namespace;
        }

        return new JsonObject { ["apiVersion"] = "admission.k8s.io/v1", ["kind"] = "AdmissionReview", ["request"] = request };
    }
}

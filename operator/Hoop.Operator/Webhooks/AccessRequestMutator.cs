using System.Globalization;
using System.Text.Json.Nodes;
using Hoop.Api;

namespace Hoop.Operator.Webhooks;

/// <summary>
/// The mutating webhook's decisions for AccessRequests: stamps who asks on creation and who reviews on every appended
/// review, from the API server's userInfo. Whatever a client wrote there is replaced, never trusted.
/// </summary>
internal sealed class AccessRequestMutator(TimeProvider time)
{
    public AdmissionDecision Mutate(AdmissionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!AccessRequestDocument.IsAccessRequest(request))
        {
            return AdmissionDecision.Allow();
        }

        return (request.Operation, request.SubResource) switch
        {
            ("CREATE", null) => StampRequester(request),
            ("UPDATE", "status") => StampReviews(request),
            _ => AdmissionDecision.Allow(),
        };
    }

    private static AdmissionDecision StampRequester(AdmissionRequest request)
    {
        var user = request.User;
        var created = new AccessRequestDocument(request.Object);
        var operations = new JsonArray();
        if (GatewayNames.ConnectionOf(user.Username) is { } gateway && gateway.Namespace == request.Namespace)
        {
            // A gateway authenticated the end user on the data path; it names them, and the request records the gateway.
            if (created.RequesterUsername is null)
            {
                return AdmissionDecision.Refuse(
                    $"{user.Username} must set spec.requester.username of {request.ObjectName} to the end user it authenticated: a gateway creates requests only on someone's behalf");
            }

            operations.Add(Operation("/spec/requester/via", JsonValue.Create(user.Username)));
            return AdmissionDecision.AllowWithPatch(operations);
        }

        var requester = new JsonObject { ["username"] = user.Username };
        if (user.Uid is not null)
        {
            requester["uid"] = user.Uid;
        }

        requester["groups"] = Strings(user.Groups);
        operations.Add(created.Spec is null
            ? Operation("/spec", new JsonObject { ["requester"] = requester })
            : Operation("/spec/requester", requester));
        return AdmissionDecision.AllowWithPatch(operations);
    }

    private AdmissionDecision StampReviews(AdmissionRequest request)
    {
        var before = new AccessRequestDocument(request.OldObject).Reviews.Count;
        var after = new AccessRequestDocument(request.Object).Reviews;
        var operations = new JsonArray();
        var now = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        for (var i = before; i < after.Count; i++)
        {
            if (after[i] is not JsonObject)
            {
                continue; // not a review at all: schema validation refuses it
            }

            var path = $"/status/reviews/{i.ToString(CultureInfo.InvariantCulture)}";
            operations.Add(Operation(path + "/reviewer", JsonValue.Create(request.User.Username)));
            operations.Add(Operation(path + "/groups", Strings(request.User.Groups)));
            operations.Add(Operation(path + "/time", JsonValue.Create(now)));
        }

        return AdmissionDecision.AllowWithPatch(operations);
    }

    // "add" replaces a member that exists and creates one that does not (RFC 6902 4.1).
    private static JsonObject Operation(string path, JsonNode? value) => new() { ["op"] = "add", ["path"] = path, ["value"] = value };

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);
}

using System.Text;
using System.Text.Json.Nodes;
using Hoop.Operator.Webhooks;

namespace Hoop.Operator.Tests.Webhooks;

/// <summary>AdmissionReview v1 bodies as the API server sends them for AccessRequests, and JSON patches applied as it would.</summary>
internal static class AdmissionReviews
{
    public const string Namespace = "payments";
    public const string Name = "ar-x";
    public const string OperatorUser = "system:serviceaccount:hoop-system:hoop-operator";
    public const string OrdersGateway = "system:serviceaccount:payments:orders-db-gateway";

    public static readonly AdmissionUser Alice = User("alice", "developers");
    public static readonly AdmissionUser Bob = User("bob", "dba-leads", "reviewers");
    public static readonly AdmissionUser Carol = User("carol", "dba-leads", "reviewers");
    public static readonly AdmissionUser Dave = User("dave", "contractors");

    public static AdmissionUser User(string name, params string[] groups) =>
        new(name, "uid-" + name, [.. groups, "system:authenticated"], new Dictionary<string, IReadOnlyList<string>>());

    public static JsonObject Requester(AdmissionUser user) => new()
    {
        ["username"] = user.Username,
        ["uid"] = user.Uid,
        ["groups"] = new JsonArray([.. user.Groups.Select(g => (JsonNode?)g)]),
    };

    /// <summary>An AccessRequest for orders-db; <paramref name="requester"/> as stored (null: none).</summary>
    public static JsonObject AccessRequest(JsonObject? requester = null, bool breakGlass = false, string? reason = "add a column", JsonObject? status = null)
    {
        var spec = new JsonObject
        {
            ["connectionRef"] = new JsonObject { ["name"] = "orders-db" },
            ["operation"] = new JsonObject { ["sql"] = new JsonObject { ["statement"] = "ALTER TABLE orders ADD COLUMN shipped_at timestamptz" } },
            ["execution"] = "Gateway",
            ["breakGlass"] = breakGlass,
        };
        if (requester is not null)
        {
            spec["requester"] = requester;
        }

        if (reason is not null)
        {
            spec["reason"] = reason;
        }

        var obj = new JsonObject
        {
            ["apiVersion"] = "hoop.dev/v1alpha1",
            ["kind"] = "AccessRequest",
            ["metadata"] = new JsonObject { ["name"] = Name, ["namespace"] = Namespace },
            ["spec"] = spec,
        };
        if (status is not null)
        {
            obj["status"] = status;
        }

        return obj;
    }

    public static JsonObject PendingStatus(string? policy = "production", string phase = "Pending", params JsonObject[] reviews) => new()
    {
        ["phase"] = phase,
        ["policy"] = policy,
        ["rule"] = "schema-changes",
        ["requiredApprovals"] = 2,
        ["reviews"] = new JsonArray([.. reviews]),
    };

    /// <summary>A review as it is stored after the webhooks stamped it.</summary>
    public static JsonObject Review(AdmissionUser reviewer, string decision = "Approve") => new()
    {
        ["reviewer"] = reviewer.Username,
        ["groups"] = new JsonArray([.. reviewer.Groups.Select(g => (JsonNode?)g)]),
        ["decision"] = decision,
        ["time"] = "2026-11-29T07:00:00Z",
    };

    public static JsonObject Body(AdmissionUser user, string operation, JsonObject? obj, JsonObject? oldObject, string? subResource = null, string resource = "accessrequests")
    {
        var userInfo = new JsonObject
        {
            ["username"] = user.Username,
            ["groups"] = new JsonArray([.. user.Groups.Select(g => (JsonNode?)g)]),
        };
        if (user.Uid is not null)
        {
            userInfo["uid"] = user.Uid;
        }

        var request = new JsonObject
        {
            ["uid"] = "705ab4f5-6393-11e8-b7cc-42010a800002",
            ["kind"] = new JsonObject { ["group"] = "hoop.dev", ["version"] = "v1alpha1", ["kind"] = "AccessRequest" },
            ["resource"] = new JsonObject { ["group"] = "hoop.dev", ["version"] = "v1alpha1", ["resource"] = resource },
            ["name"] = Name,
            ["namespace"] = Namespace,
            ["operation"] = operation,
            ["userInfo"] = userInfo,
            ["object"] = obj?.DeepClone(),
            ["oldObject"] = oldObject?.DeepClone(),
            ["dryRun"] = false,
        };
        if (subResource is not null)
        {
            request["subResource"] = subResource;
        }

        return new JsonObject { ["apiVersion"] = "admission.k8s.io/v1", ["kind"] = "AdmissionReview", ["request"] = request };
    }

    public static AdmissionRequest Create(AdmissionUser user, JsonObject obj) => Parse(Body(user, "CREATE", obj, null));

    public static AdmissionRequest Update(AdmissionUser user, JsonObject oldObject, JsonObject obj) => Parse(Body(user, "UPDATE", obj, oldObject));

    public static AdmissionRequest UpdateStatus(AdmissionUser user, JsonObject oldObject, JsonObject obj) => Parse(Body(user, "UPDATE", obj, oldObject, "status"));

    public static AdmissionRequest Parse(JsonObject body) => AdmissionRequest.Parse(Encoding.UTF8.GetBytes(body.ToJsonString()));

    /// <summary>Applies the "add" operations the webhooks emit, as the API server would; fails on anything else.</summary>
    public static JsonObject ApplyPatch(JsonObject obj, JsonArray? patch)
    {
        var result = obj.DeepClone().AsObject();
        foreach (var operation in patch ?? [])
        {
            Assert.Equal("add", operation!["op"]!.GetValue<string>());
            var segments = operation["path"]!.GetValue<string>().Split('/')[1..];
            JsonNode parent = result;
            foreach (var segment in segments[..^1])
            {
                parent = parent is JsonArray array ? array[int.Parse(segment, System.Globalization.CultureInfo.InvariantCulture)]! : parent[segment]!;
            }

            parent.AsObject()[segments[^1]] = operation["value"]?.DeepClone();
        }

        return result;
    }

    /// <summary>A copy of <paramref name="obj"/> changed by <paramref name="change"/>.</summary>
    public static JsonObject With(JsonObject obj, Action<JsonObject> change)
    {
        var copy = obj.DeepClone().AsObject();
        change(copy);
        return copy;
    }
}

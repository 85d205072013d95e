using System.Text.Json.Nodes;
using Hoop.Testing.Kubernetes;

namespace Hoop.Operator.Tests.Webhooks;

/// <summary>
/// The trust model end to end: the real kubectl as each test user, LocalKube calling the webhooks over HTTPS, the
/// SubjectAccessReview and the policy lookup through the API. Each test works on AccessRequests of its own.
/// </summary>
public sealed class AccessRequestAdmissionTests(AdmissionCluster cluster) : IClassFixture<AdmissionCluster>
{
    private const string Ns = "payments";
    private static int _requests;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private static string NewName() => $"ar-{Interlocked.Increment(ref _requests)}";

    private async Task<string> CreateAsync(string user, JsonObject? requester = null, bool breakGlass = false, string? token = null)
    {
        var name = NewName();
        var spec = new JsonObject
        {
            ["connectionRef"] = new JsonObject { ["name"] = "orders-db" },
            ["reason"] = "incident 4711: add the missing index",
            ["breakGlass"] = breakGlass,
            ["operation"] = new JsonObject { ["sql"] = new JsonObject { ["statement"] = "CREATE INDEX orders_created_at ON orders (created_at)" } },
        };
        if (requester is not null)
        {
            spec["requester"] = requester;
        }

        var request = new JsonObject
        {
            ["apiVersion"] = "hoop.dev/v1alpha1",
            ["kind"] = "AccessRequest",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = Ns },
            ["spec"] = spec,
        };
        (await cluster.As(user).RunAsync(token is null ? ["create", "-f", "-"] : ["--token", token, "create", "-f", "-"], request.ToJsonString(), _ct)).Succeeded();
        return name;
    }

    /// <summary>What the operator does once it matched a policy: Pending, the policy, and an empty reviews list to append to.</summary>
    private async Task EvaluateAsync(string name, string policy = "production")
    {
        var status = $$$"""{"status":{"phase":"Pending","policy":"{{{policy}}}","rule":"schema-changes","requiredApprovals":2,"approvals":"0/2","reviews":[]}}""";
        (await PatchStatusAsync(TestUsers.Admin, name, "merge", status)).Succeeded();
    }

    private async Task<string> PendingAsync(string requester = TestUsers.Alice, bool breakGlass = false, string policy = "production")
    {
        var name = await CreateAsync(requester, breakGlass: breakGlass);
        await EvaluateAsync(name, policy);
        return name;
    }

    private Task<KubectlResult> PatchStatusAsync(string user, string name, string type, string patch) =>
        cluster.As(user).RunAsync(["patch", "accessrequest", name, "-n", Ns, "--subresource=status", $"--type={type}", "-p", patch], null, _ct);

    private Task<KubectlResult> ReviewAsync(string user, string name, string decision = "Approve", string claimedReviewer = "mallory") =>
        PatchStatusAsync(user, name, "json",
            $$$"""[{"op":"add","path":"/status/reviews/-","value":{"decision":"{{{decision}}}","reviewer":"{{{claimedReviewer}}}","comment":"looks fine"}}]""");

    private async Task<JsonNode> GetAsync(string name)
    {
        var result = (await cluster.As(TestUsers.Admin).RunAsync(["get", "accessrequest", name, "-n", Ns, "-o", "json"], null, _ct)).Succeeded();
        return JsonNode.Parse(result.Output)!;
    }

    private static void Refused(KubectlResult result, string message)
    {
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forged_requester_is_replaced_by_the_identity_kubectl_authenticated()
    {
        var forged = new JsonObject { ["username"] = "bob", ["uid"] = "uid-bob", ["groups"] = new JsonArray("dba-leads"), ["via"] = "system:serviceaccount:payments:orders-db-gateway" };

        var name = await CreateAsync(TestUsers.Alice, forged);

        var requester = (await GetAsync(name))["spec"]!["requester"]!;
        Assert.Equal("alice", requester["username"]!.GetValue<string>());
        Assert.Equal("uid-alice", requester["uid"]!.GetValue<string>());
        Assert.Equal(["developers", "system:authenticated"], requester["groups"]!.AsArray().Select(g => g!.GetValue<string>()));
        Assert.Null(requester["via"]);
    }

    [Fact]
    public async Task An_approvers_review_is_stored_under_their_authenticated_name_whatever_they_claim()
    {
        var name = await PendingAsync();

        (await ReviewAsync(TestUsers.Bob, name, claimedReviewer: "mallory")).Succeeded();

        var review = (await GetAsync(name))["status"]!["reviews"]!.AsArray().Single()!;
        Assert.Equal("bob", review["reviewer"]!.GetValue<string>());
        Assert.Equal(["dba-leads", "reviewers", "system:authenticated"], review["groups"]!.AsArray().Select(g => g!.GetValue<string>()));
        Assert.Equal("Approve", review["decision"]!.GetValue<string>());
        Assert.Equal("looks fine", review["comment"]!.GetValue<string>());
        var time = DateTimeOffset.Parse(review["time"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(Math.Abs((DateTimeOffset.UtcNow - time).TotalMinutes) < 5, $"review time {time:O} is not now");
    }

    [Fact]
    public async Task The_requester_cannot_approve_their_own_request()
    {
        var name = await PendingAsync();

        var result = await ReviewAsync(TestUsers.Alice, name);

        Refused(result, "admission webhook \"validate.accessrequests.hoop.dev\" denied the request");
        Assert.EndsWith($"alice cannot review their own request {name}", result.Error.TrimEnd(), StringComparison.Ordinal);
        Assert.Empty((await GetAsync(name))["status"]!["reviews"]!.AsArray());
    }

    [Fact]
    public async Task Someone_without_approve_on_the_policy_cannot_review()
    {
        var name = await PendingAsync();

        Refused(await ReviewAsync(TestUsers.Dave, name),
            $"dave may not review {name}: approving requests under policy \"production\" needs verb \"approve\" on approvalpolicies/production");
    }

    [Fact]
    public async Task A_reviewer_cannot_review_twice()
    {
        var name = await PendingAsync();
        (await ReviewAsync(TestUsers.Bob, name)).Succeeded();

        Refused(await ReviewAsync(TestUsers.Bob, name, "Deny"), $"bob has already reviewed {name}");
    }

    [Fact]
    public async Task Another_reviewer_cannot_change_an_existing_review()
    {
        var name = await PendingAsync();
        (await ReviewAsync(TestUsers.Bob, name)).Succeeded();

        var edited = await PatchStatusAsync(TestUsers.Carol, name, "json", """[{"op":"replace","path":"/status/reviews/0/decision","value":"Deny"}]""");

        // The CRD's own append-only rule answers first; the webhook refuses the same write with the same words.
        Refused(edited, "cannot be changed or removed");
        Assert.Equal("Approve", (await GetAsync(name))["status"]!["reviews"]![0]!["decision"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(TestUsers.Alice)]
    [InlineData(TestUsers.Bob)]
    public async Task Only_the_operator_sets_the_phase(string user)
    {
        var name = await PendingAsync();

        Refused(await PatchStatusAsync(user, name, "merge", """{"status":{"phase":"Approved"}}"""),
            $"{user} cannot change {name}: only the hoop operator may set status.phase");
        Assert.Equal("Pending", (await GetAsync(name))["status"]!["phase"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_break_glass_member_may_approve_their_own_emergency_request()
    {
        var name = await PendingAsync(TestUsers.Bob, breakGlass: true, policy: "emergency");

        (await ReviewAsync(TestUsers.Bob, name)).Succeeded();

        Assert.Equal("bob", (await GetAsync(name))["status"]!["reviews"]![0]!["reviewer"]!.GetValue<string>());
    }

    [Fact]
    public async Task Break_glass_is_refused_to_someone_outside_the_policys_break_glass_groups()
    {
        var name = await PendingAsync(TestUsers.Bob, breakGlass: true, policy: "production");

        Refused(await ReviewAsync(TestUsers.Bob, name),
            $"bob cannot review their own request {name}: break-glass under policy \"production\" is only for members of sre-oncall");
    }

    [Fact]
    public async Task A_review_before_the_operator_evaluated_the_request_is_refused()
    {
        var name = await CreateAsync(TestUsers.Alice);

        // A JSON patch appending to a reviews list that does not exist yet fails in the API server, before admission.
        var appended = await ReviewAsync(TestUsers.Bob, name);
        Assert.NotEqual(0, appended.ExitCode);
        Assert.DoesNotContain("admission webhook", appended.Error, StringComparison.Ordinal);

        // A merge patch creates the list, and the webhook refuses it.
        Refused(await PatchStatusAsync(TestUsers.Bob, name, "merge", """{"status":{"reviews":[{"decision":"Approve"}]}}"""),
            $"{name} has not been evaluated yet, try again shortly");
    }

    [Fact]
    public async Task The_spec_cannot_change_once_created()
    {
        var name = await CreateAsync(TestUsers.Alice);

        var changed = await cluster.As(TestUsers.Admin).RunAsync(
            ["patch", "accessrequest", name, "-n", Ns, "--type=merge", "-p", """{"spec":{"reason":"something else"}}"""], null, _ct);

        Refused(changed, "immutable");
        Assert.Equal("incident 4711: add the missing index", (await GetAsync(name))["spec"]!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_gateway_creates_a_request_for_the_end_user_it_authenticated_and_is_recorded()
    {
        var token = await cluster.GatewayTokenAsync("orders-db");

        var name = await CreateAsync(TestUsers.Admin, new JsonObject { ["username"] = "oidc:erin@example.com", ["groups"] = new JsonArray("oncall") }, token: token);

        var requester = (await GetAsync(name))["spec"]!["requester"]!;
        Assert.Equal("oidc:erin@example.com", requester["username"]!.GetValue<string>());
        Assert.Equal("system:serviceaccount:payments:orders-db-gateway", requester["via"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_gateway_cannot_create_a_request_for_another_connection()
    {
        var token = await cluster.GatewayTokenAsync("billing-db");
        var request = """
            {"apiVersion":"hoop.dev/v1alpha1","kind":"AccessRequest","metadata":{"name":"NAME","namespace":"payments"},
             "spec":{"connectionRef":{"name":"orders-db"},"requester":{"username":"erin"},"operation":{"sql":{"statement":"DELETE FROM orders"}}}}
            """.Replace("NAME", NewName(), StringComparison.Ordinal);

        Refused(await cluster.As(TestUsers.Admin).RunAsync(["--token", token, "create", "-f", "-"], request, _ct),
            "system:serviceaccount:payments:billing-db-gateway may create AccessRequests only for connection billing-db");
    }

    [Fact]
    public async Task The_requests_gateway_runs_it_once_approved_but_cannot_approve_it()
    {
        var token = await cluster.GatewayTokenAsync("orders-db");
        var name = await PendingAsync();
        var gateway = cluster.As(TestUsers.Admin);

        Refused(await gateway.RunAsync(["--token", token, "patch", "accessrequest", name, "-n", Ns, "--subresource=status", "--type=merge", "-p", """{"status":{"phase":"Approved"}}"""], null, _ct),
            $"system:serviceaccount:payments:orders-db-gateway cannot move {name} from Pending to Approved");

        (await PatchStatusAsync(TestUsers.Admin, name, "merge", """{"status":{"phase":"Approved"}}""")).Succeeded();
        (await gateway.RunAsync(["--token", token, "patch", "accessrequest", name, "-n", Ns, "--subresource=status", "--type=json", "-p",
            """[{"op":"test","path":"/status/phase","value":"Approved"},{"op":"replace","path":"/status/phase","value":"Executing"},{"op":"add","path":"/status/execution","value":{"executedBy":"orders-db-gateway-0"}}]"""], null, _ct)).Succeeded();
        Assert.Equal("Executing", (await GetAsync(name))["status"]!["phase"]!.GetValue<string>());
    }

    [Fact]
    public void The_operator_identity_was_resolved_from_the_api_server()
    {
        Assert.Equal(TestUsers.Admin, cluster.Webhooks.Identity.Username);
        Assert.Equal($"https://127.0.0.1:{cluster.Webhooks.Server.Port}/", cluster.Webhooks.Target.UrlBase!.ToString());
    }
}
